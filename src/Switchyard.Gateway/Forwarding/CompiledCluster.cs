using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>A cluster as one snapshot sees it: its endpoints (live state shared across snapshots) and its invoker.</summary>
internal sealed class CompiledCluster(BackendCluster cluster, ClusterState state, EndpointState[] endpoints)
{
    public BackendCluster Cluster { get; } = cluster;

    public ClusterState State { get; } = state;

    public EndpointState[] Endpoints { get; } = endpoints;

    /// <summary>
    /// Picks an endpoint by power of two choices: two distinct endpoints at random, the healthy one if only one is,
    /// else the one with fewer requests in flight. When both picks are unhealthy, any healthy endpoint is preferred;
    /// only when none is healthy does an unhealthy one get traffic. Returns null when there are no endpoints.
    /// </summary>
    public EndpointState? PickEndpoint(TimeProvider time)
    {
        var endpoints = Endpoints;
        switch (endpoints.Length)
        {
            case 0:
                return null;
            case 1:
                return endpoints[0];
        }

        var random = Random.Shared;
        var first = random.Next(endpoints.Length);
        var second = random.Next(endpoints.Length - 1);
        if (second >= first)
        {
            second++;
        }

        var a = endpoints[first];
        var b = endpoints[second];
        var now = time.GetTimestamp();
        var aHealthy = a.IsHealthy(now);
        var bHealthy = b.IsHealthy(now);
        if (aHealthy != bHealthy)
        {
            return aHealthy ? a : b;
        }

        if (!aHealthy)
        {
            for (var i = 0; i < endpoints.Length; i++)
            {
                var candidate = endpoints[(first + i) % endpoints.Length];
                if (candidate.IsHealthy(now))
                {
                    return candidate;
                }
            }
        }

        return a.InFlight <= b.InFlight ? a : b;
    }

    /// <summary>
    /// Picks an endpoint for a retry: as <see cref="PickEndpoint(TimeProvider)"/>, but another one than
    /// <paramref name="previous"/> when the cluster has another (a healthy one first).
    /// </summary>
    public EndpointState? PickEndpoint(TimeProvider time, EndpointState? previous)
    {
        var picked = PickEndpoint(time);
        var endpoints = Endpoints;
        if (previous is null || !ReferenceEquals(picked, previous) || endpoints.Length < 2)
        {
            return picked;
        }

        var now = time.GetTimestamp();
        var start = Random.Shared.Next(endpoints.Length);
        EndpointState? fallback = null;
        for (var i = 0; i < endpoints.Length; i++)
        {
            var candidate = endpoints[(start + i) % endpoints.Length];
            if (ReferenceEquals(candidate, previous))
            {
                continue;
            }

            if (candidate.IsHealthy(now))
            {
                return candidate;
            }

            fallback ??= candidate;
        }

        // Every other endpoint is ejected: the previous one is as good a guess as any of them.
        return previous.IsHealthy(now) ? previous : fallback ?? previous;
    }
}
