using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Benchmarks.Gateway;

/// <summary>
/// Route matching on one listener with 10,000 rules. Targets: at most 2 µs and 0 B per lookup.
/// <c>ByHost</c>: 100 hostnames × 100 path prefixes, every tenth rule also matching a header (a typical multi-tenant
/// gateway). <c>ByPath</c>: 10,000 prefixes on any host, with a regex rule in front that every lookup must test.
/// </summary>
[MemoryDiagnoser]
public class RouteMatchingBenchmarks
{
    private const int Rules = 10_000;

    private readonly HeaderDictionary _headers = new() { ["x-tenant"] = "gold", ["user-agent"] = "bench" };
    private readonly HeaderDictionary _noHeaders = [];
    private RouteTable _byHost = null!;
    private RouteTable _byPath = null!;

    [GlobalSetup]
    public void Setup()
    {
        var byHost = new List<RouteRule>(Rules);
        for (var i = 0; i < Rules; i++)
        {
            byHost.Add(new RouteRule
            {
                Id = "httproute/bench/r" + i + "/rule/0/match/0",
                Route = "bench/r" + i,
                Hostnames = ["svc" + (i % 100) + ".example.com"],
                Match = new RouteMatch
                {
                    Path = new PathMatch { Type = PathMatchType.Prefix, Value = "/api/v" + (i / 100) + "/items" },
                    Headers = i % 10 == 0 ? [new StringMatch { Name = "x-tenant", Type = StringMatchType.Exact, Value = "gold" }] : [],
                },
                Action = new RouteAction(),
            });
        }

        var byPath = new List<RouteRule>(Rules + 1)
        {
            new()
            {
                Id = "httproute/bench/regex/rule/0/match/0",
                Route = "bench/regex",
                Match = new RouteMatch { Path = new PathMatch { Type = PathMatchType.RegularExpression, Value = "/static/[a-z]+\\.(css|js)" } },
                Action = new RouteAction(),
            },
        };
        for (var i = 0; i < Rules; i++)
        {
            byPath.Add(new RouteRule
            {
                Id = "httproute/bench/p" + i + "/rule/0/match/0",
                Route = "bench/p" + i,
                Match = new RouteMatch { Path = new PathMatch { Type = PathMatchType.Prefix, Value = "/p" + i } },
                Action = new RouteAction(),
            });
        }

        _byHost = RouteTable.Build(Listener([.. byHost]));
        _byPath = RouteTable.Build(Listener([.. byPath]));
        if (ByHost_LastRule() is null || ByHost_HeaderRule() is null || ByPath_LastRule() is null || ByHost_Miss() is not null)
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

    private static Listener Listener(RouteRule[] rules) => new()
    {
        Id = "0.0.0.0:8080",
        Address = "0.0.0.0",
        Port = 8080,
        Protocol = ListenerProtocol.Http,
        VirtualHosts = [new VirtualHost { Id = "bench/gateway/http", Hostname = null, Rules = [.. rules] }],
    };
}
