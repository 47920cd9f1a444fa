using Switchyard.Gateway.Forwarding;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>A TLS route's backends with their cumulative weights, for a weighted pick per connection.</summary>
internal sealed class CompiledSniRoute
{
    private readonly CompiledSniBackend[] _backends;
    private readonly int[] _cumulative;

    private CompiledSniRoute(string id, CompiledSniBackend[] backends, int[] cumulative)
    {
        Id = id;
        _backends = backends;
        _cumulative = cumulative;
    }

    /// <summary><c>tlsroute/ns/name</c>, the metric and log label.</summary>
    public string Id { get; }

    public static CompiledSniRoute Create(SniRoute route, Dictionary<string, CompiledCluster> clusters, ICollection<string> problems)
    {
        var backends = new List<CompiledSniBackend>();
        var cumulative = new List<int>();
        var total = 0;
        foreach (var backend in route.Backends.IsDefault ? [] : route.Backends)
        {
            if (backend.Weight <= 0)
            {
                continue;
            }

            CompiledCluster? cluster = null;
            if (!backend.Rejected && !clusters.TryGetValue(backend.ClusterId, out cluster))
            {
                problems.Add(string.Concat(route.Id, ": backend cluster ", backend.ClusterId, " is not defined; its share of connections is refused"));
            }

            backends.Add(new CompiledSniBackend(backend.ClusterId, cluster));
            total = (int)Math.Min((long)total + backend.Weight, int.MaxValue);
            cumulative.Add(total);
        }

        return new CompiledSniRoute(route.Id, [.. backends], [.. cumulative]);
    }

    /// <summary>A backend in proportion to its weight, or null when no backend has a weight.</summary>
    public CompiledSniBackend? Pick()
    {
        var cumulative = _cumulative;
        switch (cumulative.Length)
        {
            case 0:
                return null;
            case 1:
                return _backends[0];
        }

        var point = Random.Shared.Next(cumulative[^1]);
        var index = Array.BinarySearch(cumulative, point + 1);
        return _backends[index >= 0 ? index : ~index];
    }

    /// <summary>Whether new connections of this route may still go to <paramref name="endpoint"/> of <paramref name="clusterId"/>.</summary>
    public bool Reaches(string clusterId, EndpointState endpoint)
    {
        foreach (var backend in _backends)
        {
            if (backend.Cluster is { } cluster && string.Equals(backend.ClusterId, clusterId, StringComparison.Ordinal)
                && Array.IndexOf(cluster.Endpoints, endpoint) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
