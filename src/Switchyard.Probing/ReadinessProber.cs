using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Switchyard.Probing;

/// <summary>
/// Runs every Pod's readinessProbe (httpGet, tcpSocket, grpc) against the Pod IP with the kubelet's timing and
/// thresholds, and reports each Pod's readiness: ready when every container with a readinessProbe is ready. A Pod
/// starts not ready until its probes first succeed. Pods without an IP, terminal Pods, Pods without readiness probes
/// and Pods with a probe that cannot run here (exec) are not probed: <see cref="IsReady"/> is null for them, and their
/// written Ready condition stands.
/// </summary>
public sealed partial class ReadinessProber : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ProbeRunner _runner;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Name), PodProbes> _pods = [];
    private bool _disposed;

    public ReadinessProber(ReadinessProberOptions options, TimeProvider time, ILogger<ReadinessProber> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _runner = new ProbeRunner(options, time);
    }

    /// <summary>Raised (on a thread-pool thread) when a probed Pod's readiness changes.</summary>
    public event Action<PodReadinessChange>? ReadinessChanged;

    /// <summary>Probed readiness, or null when the Pod is not probed (then its written condition applies).</summary>
    public bool? IsReady(string ns, string name)
    {
        lock (_gate)
        {
            return _pods.TryGetValue((ns, name), out var pod) ? pod.Ready : null;
        }
    }

    /// <summary>The Pod with its Ready condition overridden by the probed readiness (the same instance when not probed).</summary>
    public V1Pod Overlay(V1Pod pod, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return PodReadinessOverlay.Apply(pod, IsReady(pod.Metadata?.NamespaceProperty ?? string.Empty, pod.Metadata?.Name ?? string.Empty), now);
    }

    /// <summary>
    /// Takes the current Pods (call on every store change): starts probing new Pods, restarts Pods whose IP, UID or
    /// probes changed (their readiness starts over, as for a new container), stops probing Pods that are gone.
    /// </summary>
    public void Update(IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var stopped = new List<PodProbes>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var seen = new HashSet<(string, string)>();
            foreach (var pod in pods)
            {
                var key = (pod.Metadata?.NamespaceProperty ?? string.Empty, pod.Metadata?.Name ?? string.Empty);
                var probes = Resolve(pod);
                if (probes is null || !seen.Add(key))
                {
                    continue;
                }

                var fingerprint = Fingerprint(pod);
                if (_pods.TryGetValue(key, out var existing))
                {
                    if (string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    stopped.Add(existing);
                }

                var state = new PodProbes(key.Item1, key.Item2, fingerprint);
                state.Workers = [.. probes.Select(p => new ContainerProbeWorker(p.Container, p.Spec, _runner, _time, (worker, _) => OnWorkerChanged(state, worker)))];
                _pods[key] = state;
                Log.Probing(_logger, key.Item1, key.Item2, state.Workers.Length);
                foreach (var worker in state.Workers)
                {
                    worker.Start();
                }
            }

            foreach (var (key, state) in _pods.ToList())
            {
                if (!seen.Contains(key))
                {
                    _pods.Remove(key);
                    stopped.Add(state);
                }
            }
        }

        foreach (var state in stopped)
        {
            state.Stopped = true;
            _ = StopAsync(state);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PodProbes> all;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            all = [.. _pods.Values];
            _pods.Clear();
        }

        foreach (var state in all)
        {
            state.Stopped = true;
            await StopAsync(state).ConfigureAwait(false);
        }

        _runner.Dispose();
    }

    /// <summary>Probe attempts made for a Pod so far (all containers), for tests.</summary>
    internal int Attempts(string ns, string name)
    {
        lock (_gate)
        {
            return _pods.TryGetValue((ns, name), out var pod) ? pod.Workers.Sum(w => w.Attempts) : 0;
        }
    }

    private static async Task StopAsync(PodProbes state)
    {
        foreach (var worker in state.Workers)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static List<(string Container, ProbeSpec Spec)>? Resolve(V1Pod pod)
    {
        if (string.IsNullOrEmpty(pod.Status?.PodIP) || pod.Status.Phase is "Succeeded" or "Failed" || pod.Spec?.Containers is null)
        {
            return null;
        }

        var probes = new List<(string, ProbeSpec)>();
        foreach (var container in pod.Spec.Containers)
        {
            if (container is null || ProbeSpec.From(pod, container) is not { } spec)
            {
                continue;
            }

            if (spec.Kind == ProbeKind.Unsupported)
            {
                return null;
            }

            probes.Add((container.Name ?? string.Empty, spec));
        }

        return probes.Count == 0 ? null : probes;
    }

    private static string Fingerprint(V1Pod pod)
    {
        var sb = new StringBuilder();
        sb.Append(pod.Metadata?.Uid).Append('|').Append(pod.Status?.PodIP);
        foreach (var container in pod.Spec!.Containers)
        {
            if (container?.ReadinessProbe is not null)
            {
                sb.Append('|').Append(container.Name).Append('|').Append(KubernetesJson.Serialize(container.ReadinessProbe))
                    .Append('|').Append(KubernetesJson.Serialize(container.Ports));
            }
        }

        return sb.ToString();
    }

    private void OnWorkerChanged(PodProbes state, ContainerProbeWorker worker)
    {
        bool ready;
        lock (_gate)
        {
            if (state.Stopped)
            {
                return;
            }

            ready = state.Workers.All(w => w.Ready);
            if (ready == state.Ready)
            {
                return;
            }

            state.Ready = ready;
        }

        Log.ReadinessChanged(_logger, state.Namespace, state.Name, worker.Container, ready);
        ReadinessChanged?.Invoke(new PodReadinessChange(state.Namespace, state.Name, ready));
    }

    private sealed class PodProbes(string ns, string name, string fingerprint)
    {
        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public string Fingerprint { get; } = fingerprint;

        public ContainerProbeWorker[] Workers { get; set; } = [];

        public bool Ready { get; set; }

        public volatile bool Stopped;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6500, EventName = "ProbingPod", Level = LogLevel.Debug, Message = "Probing Pod {Namespace}/{Name}: {Containers} readiness probes")]
        public static partial void Probing(ILogger logger, string @namespace, string name, int containers);

        [LoggerMessage(EventId = 6501, EventName = "PodReadinessChanged", Level = LogLevel.Information, Message = "Pod {Namespace}/{Name} readiness is now {Ready} (container {Container})")]
        public static partial void ReadinessChanged(ILogger logger, string @namespace, string name, string container, bool ready);
    }
}
