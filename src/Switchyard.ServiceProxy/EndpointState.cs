using System.Net;

namespace Switchyard.ServiceProxy;

/// <summary>
/// Live state of one endpoint of one frontend: the flows to it, and its drain when it leaves the endpoint set. The same
/// instance is kept across snapshots while the endpoint stays, so established flows are never disturbed by an update.
/// </summary>
internal sealed class EndpointState
{
    private readonly Lock _gate = new();
    private readonly HashSet<ITrackedFlow> _flows = [];
    private ITimer? _drainTimer;
    private bool _draining;
    private bool _closed;

    public EndpointState(IPEndPoint endPoint, string? targetRef)
    {
        EndPoint = endPoint;
        TargetRef = targetRef;
    }

    public IPEndPoint EndPoint { get; }

    public string? TargetRef { get; }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    public int FlowCount
    {
        get
        {
            lock (_gate)
            {
                return _flows.Count;
            }
        }
    }

    /// <summary>Registers a flow; false when the endpoint was already closed by a drain (the caller ends the flow).</summary>
    public bool TryTrack(ITrackedFlow flow)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _flows.Add(flow);
            return true;
        }
    }

    public void Untrack(ITrackedFlow flow)
    {
        lock (_gate)
        {
            _flows.Remove(flow);
        }
    }

    /// <summary>The endpoint left the set: its flows are ended after <paramref name="grace"/> unless it comes back first.</summary>
    public void StartDrain(TimeSpan grace, TimeProvider time)
    {
        lock (_gate)
        {
            if (_draining || _closed)
            {
                return;
            }

            _draining = true;
            if (grace > TimeSpan.Zero && _flows.Count > 0)
            {
                _drainTimer = time.CreateTimer(static state => ((EndpointState)state!).Close(), this, grace, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Close();
    }

    /// <summary>The endpoint is back: keep its flows. False when it was closed already (use a fresh state).</summary>
    public bool TryRevive()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _draining = false;
            _drainTimer?.Dispose();
            _drainTimer = null;
            return true;
        }
    }

    /// <summary>Ends every flow now and refuses new ones.</summary>
    public void Close()
    {
        ITrackedFlow[] flows;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _drainTimer?.Dispose();
            _drainTimer = null;
            flows = [.. _flows];
            _flows.Clear();
        }

        foreach (var flow in flows)
        {
            flow.Abort();
        }
    }
}
