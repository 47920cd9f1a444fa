using System.Collections.Immutable;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Owns every <see cref="ClusterState"/>. Each snapshot reuses the state (and so the pooled connections) of clusters
/// whose connection settings are unchanged; a state no longer used is retired and disposed once it has been out of use for the
/// retirement delay (requests of older snapshots may still use it meanwhile). Not thread-safe: the data plane calls it
/// under its apply lock.
/// </summary>
internal sealed class ClusterRegistry(GatewayDataPlaneOptions options, TimeProvider time) : IDisposable
{
    private readonly Dictionary<string, ClusterState> _states = new(StringComparer.Ordinal);
    private readonly List<(ClusterState State, long RetiredAt)> _retired = [];

    public Dictionary<string, CompiledCluster> Update(ImmutableArray<BackendCluster> clusters)
    {
        DisposeExpired();
        var compiled = new Dictionary<string, CompiledCluster>(StringComparer.Ordinal);
        foreach (var cluster in clusters.IsDefault ? [] : clusters)
        {
            if (compiled.ContainsKey(cluster.Id))
            {
                continue;
            }

            if (_states.TryGetValue(cluster.Id, out var state) && !state.Serves(cluster))
            {
                Retire(state);
                state = null;
            }

            if (state is null)
            {
                _states[cluster.Id] = state = new ClusterState(cluster, options, time);
            }

            compiled[cluster.Id] = new CompiledCluster(cluster, state, state.UpdateEndpoints(cluster.Endpoints));
        }

        foreach (var id in _states.Keys.Where(id => !compiled.ContainsKey(id)).ToList())
        {
            Retire(_states[id]);
            _states.Remove(id);
        }

        return compiled;
    }

    public void Dispose()
    {
        foreach (var state in _states.Values)
        {
            state.Dispose();
        }

        foreach (var (state, _) in _retired)
        {
            state.Dispose();
        }

        _states.Clear();
        _retired.Clear();
    }

    private void Retire(ClusterState state) => _retired.Add((state, time.GetTimestamp()));

    private void DisposeExpired()
    {
        for (var i = _retired.Count - 1; i >= 0; i--)
        {
            if (time.GetElapsedTime(_retired[i].RetiredAt) >= options.RetiredClusterDisposeDelay)
            {
                _retired[i].State.Dispose();
                _retired.RemoveAt(i);
            }
        }
    }
}
