using Grpc.Net.Client;

namespace Switchyard.Probing;

/// <summary>
/// Probes one container on its own schedule: the first attempt after initialDelaySeconds, then one every periodSeconds
/// (measured from the start of the previous attempt, like the kubelet's ticker), each bounded by timeoutSeconds.
/// </summary>
internal sealed class ContainerProbeWorker : IAsyncDisposable
{
    private readonly ProbeSpec _spec;
    private readonly ProbeRunner _runner;
    private readonly TimeProvider _time;
    private readonly Action<ContainerProbeWorker, bool> _changed;
    private readonly ProbeResultTracker _tracker;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _attempts;
    private int _ready;

    public ContainerProbeWorker(string container, ProbeSpec spec, ProbeRunner runner, TimeProvider time, Action<ContainerProbeWorker, bool> changed)
    {
        Container = container;
        _spec = spec;
        _runner = runner;
        _time = time;
        _changed = changed;
        _tracker = new ProbeResultTracker(spec.SuccessThreshold, spec.FailureThreshold);
    }

    public string Container { get; }

    public bool Ready => Volatile.Read(ref _ready) != 0;

    /// <summary>Probe attempts made so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Starts the loop; the initial delay's timer is set before this returns.</summary>
    public void Start() => _loop = RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var channel = _spec.Kind == ProbeKind.Grpc && _spec.Problem is null ? _runner.CreateChannel(_spec) : null;
        try
        {
            if (_spec.InitialDelay > TimeSpan.Zero)
            {
                await Task.Delay(_spec.InitialDelay, _time, cancellationToken).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                var success = await _runner.RunAsync(_spec, channel, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (_tracker.Record(success))
                {
                    Volatile.Write(ref _ready, _tracker.Ready ? 1 : 0);
                    _changed(this, _tracker.Ready);
                }

                // The next attempt is scheduled before the count moves, so an observer of the count sees the timer set.
                var wait = _spec.Period - _time.GetElapsedTime(started);
                var next = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken);
                Interlocked.Increment(ref _attempts);
                await next.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
