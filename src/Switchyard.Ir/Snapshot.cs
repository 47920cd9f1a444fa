using System.Collections.Immutable;
using Switchyard.Ir.Dns;
using Switchyard.Ir.ServiceProxy;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Ir;

/// <summary>
/// The compiled, immutable configuration that every data plane reads. One instance per translation;
/// data planes swap it in atomically and never see half an update.
/// </summary>
public sealed record Snapshot
{
    public static Snapshot Empty { get; } = new();

    /// <summary>Monotonic number of the translation that produced this snapshot (DNS SOA serial, logs).</summary>
    public long Generation { get; init; }

    /// <summary>Sockets to bind for HTTP/HTTPS traffic, one per distinct address:port.</summary>
    public ImmutableArray<Listener> Listeners { get; init; } = [];

    /// <summary>Every backend referenced by some route, keyed by <see cref="BackendCluster.Id"/>.</summary>
    public ImmutableArray<BackendCluster> Clusters { get; init; } = [];

    /// <summary>The cluster DNS zone and reverse zones; SOA serials are <see cref="Generation"/>.</summary>
    public DnsZone Dns { get; init; } = DnsZone.Empty;

    /// <summary>L4 Service proxy rules, one per Service port with a cluster IP, ordered by id.</summary>
    public ImmutableArray<ServiceProxyRule> ServiceProxy { get; init; } = [];

    /// <summary>Sockets serving Gateway listeners of protocol TLS (routed by SNI), one per distinct address:port, ordered by id.</summary>
    public ImmutableArray<TlsListener> TlsListeners { get; init; } = [];

    /// <summary>Checks invariants a data plane relies on; a snapshot that fails is never published.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var clusterIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in Clusters)
        {
            if (!clusterIds.Add(cluster.Id))
            {
                problems.Add($"duplicate cluster id {cluster.Id}");
            }
        }

        var bindings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listener in Listeners)
        {
            if (!bindings.Add($"{listener.Address}:{listener.Port}"))
            {
                problems.Add($"duplicate listener binding {listener.Address}:{listener.Port}");
            }

            if (listener.Port is < 1 or > 65535)
            {
                problems.Add($"listener {listener.Id}: port {listener.Port} out of range");
            }

            if (listener.Protocol == ListenerProtocol.Tls)
            {
                problems.Add($"listener {listener.Id}: protocol Tls is served from TlsListeners");
            }

            foreach (var host in listener.VirtualHosts)
            {
                foreach (var rule in host.Rules)
                {
                    foreach (var backend in rule.Action.Backends)
                    {
                        if (backend.DirectResponse is null && !clusterIds.Contains(backend.ClusterId))
                        {
                            problems.Add($"{rule.Id}: backend cluster {backend.ClusterId} is not defined");
                        }
                    }

                    foreach (var mirror in rule.Action.Mirrors)
                    {
                        if (!clusterIds.Contains(mirror.ClusterId))
                        {
                            problems.Add($"{rule.Id}: mirror cluster {mirror.ClusterId} is not defined");
                        }
                    }

                    ValidateAction(rule, problems);
                }
            }
        }

        Dns.Validate(problems);

        var proxyIds = new HashSet<string>(StringComparer.Ordinal);
        var proxyBindings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ServiceProxy)
        {
            rule.Validate(problems, proxyIds, proxyBindings);
        }

        foreach (var listener in TlsListeners.IsDefault ? [] : TlsListeners)
        {
            listener.Validate(problems, clusterIds, bindings);
        }

        return problems;
    }

    private static void ValidateAction(RouteRule rule, List<string> problems)
    {
        foreach (var range in rule.Action.SourceRanges.IsDefault ? [] : rule.Action.SourceRanges)
        {
            // An allow list that cannot be read must not turn into "allow everyone".
            if (!System.Net.IPNetwork.TryParse(range, out _))
            {
                problems.Add($"{rule.Id}: source range {range} is not a CIDR");
            }
        }

        if (rule.Action.Redirect?.Path is { Type: PathRewriteType.RegexReplace })
        {
            problems.Add($"{rule.Id}: a redirect cannot use a RegexReplace path");
        }

        if (rule.Action.Rewrite?.Path is { Type: PathRewriteType.RegexReplace, Pattern: null or "" })
        {
            problems.Add($"{rule.Id}: a RegexReplace rewrite needs a pattern");
        }

        if (rule.Action.Retry is { } retry)
        {
            if (retry.Attempts < 1 || retry.Backoff < TimeSpan.Zero)
            {
                problems.Add($"{rule.Id}: a retry policy needs at least one attempt and a backoff of zero or more");
            }

            foreach (var code in retry.Codes.IsDefault ? [] : retry.Codes)
            {
                if (code is < 400 or > 599)
                {
                    problems.Add($"{rule.Id}: retry status code {code} is not in 400-599");
                }
            }
        }

        if (rule.Action.MaxRequestBodySize is < 0)
        {
            problems.Add($"{rule.Id}: negative request body limit");
        }
    }
}
