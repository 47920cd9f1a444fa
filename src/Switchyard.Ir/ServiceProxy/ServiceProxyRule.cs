using System.Collections.Immutable;

namespace Switchyard.Ir.ServiceProxy;

/// <summary>
/// One Service port as the L4 proxy serves it: the frontends to listen on and the endpoints to forward to. Endpoint
/// selection (readiness, terminating fallback, Local traffic policies) is already decided per endpoint, so a data plane
/// only filters by <see cref="ServiceProxyEndpoint.ReceivesInternal"/>/<see cref="ServiceProxyEndpoint.ReceivesExternal"/>
/// and by address family.
/// </summary>
public sealed record ServiceProxyRule
{
    /// <summary>
    /// <c>service/&lt;ns&gt;/&lt;name&gt;/port/&lt;port&gt;</c> for TCP (the same id as the HTTP backend cluster), with
    /// <c>/udp</c> appended for UDP, since a Service may carry one port number over both.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>The Service, <c>ns/name</c>, for status, metric and log labels.</summary>
    public required string Service { get; init; }

    /// <summary>The Service port's name (empty when unnamed).</summary>
    public string PortName { get; init; } = string.Empty;

    public required ServiceProxyProtocol Protocol { get; init; }

    /// <summary>Addresses to listen on, in Service order: cluster IPs, external IPs, node port, load-balancer IPs.</summary>
    public ImmutableArray<ServiceProxyFrontend> Frontends { get; init; } = [];

    /// <summary>Every endpoint of the port, ordered by address then port, whether it receives traffic or not.</summary>
    public ImmutableArray<ServiceProxyEndpoint> Endpoints { get; init; } = [];

    /// <summary>sessionAffinity ClientIP: how long a client stays with its endpoint after its last new connection; null for none.</summary>
    public int? ClientIPAffinitySeconds { get; init; }

    public bool InternalTrafficPolicyLocal { get; init; }

    public bool ExternalTrafficPolicyLocal { get; init; }

    internal void Validate(List<string> problems, HashSet<string> ids, HashSet<string> bindings)
    {
        if (!ids.Add(Id))
        {
            problems.Add($"duplicate service proxy rule id {Id}");
        }

        foreach (var frontend in Frontends)
        {
            if (frontend.Port is < 1 or > 65535)
            {
                problems.Add($"{Id}: frontend port {frontend.Port} out of range");
            }

            if (!System.Net.IPAddress.TryParse(frontend.Address, out _))
            {
                problems.Add($"{Id}: frontend address {frontend.Address} is not an IP address");
            }

            if (!bindings.Add($"{Protocol}/{frontend.Address}/{frontend.Port}"))
            {
                problems.Add($"{Id}: duplicate {Protocol} frontend {frontend.Address}:{frontend.Port}");
            }
        }

        foreach (var endpoint in Endpoints)
        {
            if (endpoint.Port is < 1 or > 65535)
            {
                problems.Add($"{Id}: endpoint port {endpoint.Port} out of range");
            }

            if (!System.Net.IPAddress.TryParse(endpoint.Address, out _))
            {
                problems.Add($"{Id}: endpoint address {endpoint.Address} is not an IP address");
            }
        }

        if (ClientIPAffinitySeconds is < 1)
        {
            problems.Add($"{Id}: session affinity timeout must be positive");
        }
    }
}
