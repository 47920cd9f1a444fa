namespace Switchyard.Probing;

/// <summary>
/// The kubelet's threshold logic for one probe: a result only counts once it has been seen successThreshold (success)
/// or failureThreshold (failure) times in a row. Readiness starts as failure, so a container is not ready until its
/// first counted success.
/// </summary>
internal sealed class ProbeResultTracker
{
    private readonly int _successThreshold;
    private readonly int _failureThreshold;
    private bool? _last;
    private int _run;

    public ProbeResultTracker(int successThreshold, int failureThreshold)
    {
        _successThreshold = Math.Max(1, successThreshold);
        _failureThreshold = Math.Max(1, failureThreshold);
    }

    public bool Ready { get; private set; }

    /// <summary>Records one probe result; true when it changed <see cref="Ready"/>.</summary>
    public bool Record(bool success)
    {
        if (_last == success)
        {
            _run++;
        }
        else
        {
            _last = success;
            _run = 1;
        }

        if (success ? _run < _successThreshold : _run < _failureThreshold)
        {
            return false;
        }

        if (Ready == success)
        {
            return false;
        }

        Ready = success;
        return true;
    }
}
