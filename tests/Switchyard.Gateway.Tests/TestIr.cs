using System.Collections.Immutable;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests;

/// <summary>Small builders for hand-made IR in tests.</summary>
internal static class TestIr
{
    public static RouteRule Rule(
        string id,
        PathMatch? path = null,
        string[]? hostnames = null,
        StringMatch[]? headers = null,
        StringMatch[]? query = null,
        string? method = null,
        RouteAction? action = null) => new()
        {
            Id = id,
            Route = "default/route",
            Hostnames = hostnames is null ? [] : [.. hostnames],
            Match = new RouteMatch
            {
                Path = path ?? Prefix("/"),
                Headers = headers is null ? [] : [.. headers],
                QueryParams = query is null ? [] : [.. query],
                Method = method,
            },
            Action = action ?? new RouteAction(),
        };

    public static PathMatch Exact(string value) => new() { Type = PathMatchType.Exact, Value = value };

    public static PathMatch Prefix(string value) => new() { Type = PathMatchType.Prefix, Value = value };

    public static PathMatch Regex(string value, bool ignoreCase = false) => new() { Type = PathMatchType.RegularExpression, Value = value, IgnoreCase = ignoreCase };

    public static StringMatch Is(string name, string value) => new() { Name = name, Type = StringMatchType.Exact, Value = value };

    public static StringMatch Like(string name, string pattern) => new() { Name = name, Type = StringMatchType.RegularExpression, Value = pattern };

    public static VirtualHost Host(string id, string? hostname, params RouteRule[] rules) => new()
    {
        Id = id,
        Hostname = hostname,
        Rules = [.. rules],
    };

    public static Listener Listener(params VirtualHost[] hosts) => new()
    {
        Id = "127.0.0.1:0",
        Address = "127.0.0.1",
        Port = 0,
        Protocol = ListenerProtocol.Http,
        VirtualHosts = [.. hosts],
    };

    public static RouteAction Forward(params (string Cluster, int Weight)[] backends) => new()
    {
        Backends = [.. backends.Select(b => new WeightedBackend { ClusterId = b.Cluster, Weight = b.Weight })],
    };

    public static BackendCluster Cluster(string id, BackendProtocol protocol = BackendProtocol.Http1, params System.Net.IPEndPoint[] endpoints) => new()
    {
        Id = id,
        Service = id,
        Protocol = protocol,
        Endpoints = [.. endpoints.Select(e => new BackendEndpoint { Address = e.Address.ToString(), Port = e.Port })],
    };

    public static ImmutableArray<KeyValuePair<string, string>> Pairs(params (string Name, string Value)[] pairs) =>
        [.. pairs.Select(p => KeyValuePair.Create(p.Name, p.Value))];
}
