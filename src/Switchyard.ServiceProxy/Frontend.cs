using System.Net;

namespace Switchyard.ServiceProxy;

/// <summary>
/// One listening address:port and the endpoints behind it. Updates (from <see cref="ServiceProxyDataPlane.ApplyAsync"/>,
/// one at a time) swap <see cref="FrontendTarget"/>; the accept or receive path reads it once per new flow, lock-free.
/// The socket is open only while there are endpoints, so without endpoints the kernel refuses connections itself.
/// </summary>
internal abstract class Frontend : IDisposable
{
    private readonly Dictionary<IPEndPoint, EndpointState> _states = [];
    private FrontendTarget _target = FrontendTarget.None;
    private uint _next;

    protected Frontend(FrontendKey key, ServiceProxyContext context)
    {
        Key = key;
        Context = context;
    }

    public FrontendKey Key { get; }

    public AffinityTable Affinity { get; } = new();

    public FrontendTarget Target => Volatile.Read(ref _target);

    public abstract bool IsListening { get; }

    /// <summary>Grace period for flows to endpoints that left the set.</summary>
    protected abstract TimeSpan DrainGrace { get; }

    protected ServiceProxyContext Context { get; }

    /// <summary>Applies the endpoint set of a new snapshot; returns the binding state and, for failures, why.</summary>
    public (FrontendBindingState State, string? Message) Update(string ruleId, string service, IReadOnlyList<(IPEndPoint EndPoint, string? TargetRef)> endpoints, long affinityTimeout)
    {
        var wanted = new HashSet<IPEndPoint>();
        var next = new EndpointState[endpoints.Count];
        for (var i = 0; i < endpoints.Count; i++)
        {
            var (endPoint, targetRef) = endpoints[i];
            wanted.Add(endPoint);
            if (!_states.TryGetValue(endPoint, out var state) || !state.TryRevive())
            {
                state = new EndpointState(endPoint, targetRef);
                _states[endPoint] = state;
            }

            next[i] = state;
        }

        foreach (var (endPoint, state) in _states.ToList())
        {
            if (wanted.Contains(endPoint))
            {
                continue;
            }

            if (state.IsClosed)
            {
                _states.Remove(endPoint);
                continue;
            }

            state.StartDrain(DrainGrace, Context.Time);
        }

        if (affinityTimeout == 0)
        {
            Affinity.Clear();
        }

        Volatile.Write(ref _target, new FrontendTarget(ruleId, service, next, affinityTimeout));
        if (next.Length == 0)
        {
            StopListening();
            return (FrontendBindingState.NoEndpoints, null);
        }

        if (IsListening)
        {
            return (FrontendBindingState.Bound, null);
        }

        var error = StartListening();
        return error is null ? (FrontendBindingState.Bound, null) : (FrontendBindingState.Failed, error);
    }

    /// <summary>The frontend is gone from the snapshot: stop listening at once, drain every endpoint.</summary>
    public void Retire()
    {
        Volatile.Write(ref _target, FrontendTarget.None);
        StopListening();
        foreach (var state in _states.Values)
        {
            state.StartDrain(DrainGrace, Context.Time);
        }
    }

    /// <summary>Whether every flow has ended (a retired frontend can then be forgotten).</summary>
    public bool Drained => _states.Values.All(s => s.IsClosed || s.FlowCount == 0);

    /// <summary>
    /// Picks the endpoint for a new flow: the client's affinity endpoint while fresh, else round robin. Skips
    /// <paramref name="exclude"/> (an endpoint that just refused a connection) when another exists.
    /// </summary>
    public EndpointState? Pick(FrontendTarget target, ClientKey client, EndpointState? exclude)
    {
        var endpoints = target.Endpoints;
        if (endpoints.Length == 0)
        {
            return null;
        }

        var now = 0L;
        if (target.AffinityTimeout > 0)
        {
            now = Context.Time.GetTimestamp();
            var sticky = Affinity.Lookup(client, endpoints, now, target.AffinityTimeout);
            if (sticky is not null && sticky != exclude)
            {
                return sticky;
            }
        }

        var chosen = endpoints[(int)(Interlocked.Increment(ref _next) % (uint)endpoints.Length)];
        if (chosen == exclude && endpoints.Length > 1)
        {
            chosen = endpoints[(int)(Interlocked.Increment(ref _next) % (uint)endpoints.Length)];
        }

        if (target.AffinityTimeout > 0)
        {
            Affinity.Remember(client, chosen, now);
        }

        return chosen;
    }

    /// <summary>Periodic housekeeping: expired affinity entries (and idle UDP flows in the UDP frontend).</summary>
    public virtual void Sweep(long now)
    {
        var target = Target;
        if (target.AffinityTimeout > 0)
        {
            Affinity.Sweep(now, target.AffinityTimeout);
        }
    }

    public void Dispose()
    {
        StopListening();
        foreach (var state in _states.Values)
        {
            state.Close();
        }

        _states.Clear();
    }

    /// <summary>Binds and starts serving; returns an error message instead of throwing.</summary>
    protected abstract string? StartListening();

    protected abstract void StopListening();
}
