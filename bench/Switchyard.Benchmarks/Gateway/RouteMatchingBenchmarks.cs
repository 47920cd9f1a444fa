using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Benchmarks.Gateway;

/// <summary>
/// Route matching on one listener with 10,000 HTTPRoutes, compiled the way serve does it: manifests → store → the real
/// Translator → IR listener → <see cref="RouteTable"/>. Targets: at most 2 µs and 0 B per lookup.
/// <c>ByHost</c>: 100 hostnames × 100 path prefixes, every tenth route also matching a header (see
/// <see cref="BenchRoutes"/>). <c>ByPath</c>: 10,000 prefixes on any host, with a regex route that every lookup must test.
/// </summary>
[MemoryDiagnoser]
public class RouteMatchingBenchmarks
{
    private const int Routes = 10_000;

    private readonly HeaderDictionary _headers = new() { ["x-tenant"] = "gold", ["user-agent"] = "bench" };
    private readonly HeaderDictionary _noHeaders = [];
    private RouteTable _byHost = null!;
    private RouteTable _byPath = null!;

    [GlobalSetup]
    public void Setup()
    {
        _byHost = Compile(BenchRoutes.Manifests(Routes, byHost: true), Routes);
        _byPath = Compile(BenchRoutes.Manifests(Routes, byHost: false), Routes + 1);
        if (RouteOf(ByHost_LastRule()) != "ns-9/r9999"
            || RouteOf(ByHost_HeaderRule()) != "ns-0/r0"
            || RouteOf(ByPath_LastRule()) != "ns-9/r9999"
            || ByHost_Miss() is not null)
        {
            throw new InvalidOperationException("benchmark tables do not match as intended");
        }
    }

    [Benchmark]
    public object? ByHost_LastRule() =>
        _byHost.Match(new RouteRequest("svc99.example.com:8080", "/api/v99/items/42", "GET", _noHeaders, "?page=2"));

    [Benchmark]
    public object? ByHost_HeaderRule() =>
        _byHost.Match(new RouteRequest("svc0.example.com", "/api/v0/items", "GET", _headers, null));

    [Benchmark]
    public object? ByHost_Miss() =>
        _byHost.Match(new RouteRequest("svc5.example.com", "/api/v7/other", "GET", _noHeaders, null));

    [Benchmark]
    public object? ByPath_LastRule() =>
        _byPath.Match(new RouteRequest("www.example.com", "/p9999/deep/path/below", "GET", _noHeaders, null));

    private static string? RouteOf(object? match) => (match as CompiledRule)?.Rule.Route;

    private static RouteTable Compile(string manifests, int expectedRules)
    {
        var result = BenchRoutes.Translator().Translate(BenchRoutes.Store(manifests), 1);
        var listener = result.Snapshot.Listeners.Single();
        var rules = listener.VirtualHosts.Sum(v => v.Rules.Length);
        if (rules != expectedRules)
        {
            throw new InvalidOperationException($"expected {expectedRules} rules on the listener, got {rules}");
        }

        return RouteTable.Build(listener);
    }
}
