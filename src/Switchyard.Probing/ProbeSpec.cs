using System.Collections.Immutable;
using System.Globalization;
using k8s.Models;
using Switchyard.Resources.Model;

namespace Switchyard.Probing;

/// <summary>A container's readinessProbe resolved against its Pod: target, timing and thresholds.</summary>
internal sealed record ProbeSpec
{
    public required ProbeKind Kind { get; init; }

    /// <summary>IP literal or host name to connect to (the Pod IP unless the probe names a host).</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>Resolved port, or 0 when a named port does not exist (the probe then fails).</summary>
    public int Port { get; init; }

    public string Path { get; init; } = "/";

    public bool Https { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>gRPC health service name (empty for the server as a whole).</summary>
    public string GrpcService { get; init; } = string.Empty;

    public TimeSpan InitialDelay { get; init; }

    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    public int SuccessThreshold { get; init; } = 1;

    public int FailureThreshold { get; init; } = 3;

    /// <summary>Why the probe cannot succeed (e.g. an unknown named port), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Resolves a readinessProbe of a container of a Pod; null when the container has none.</summary>
    public static ProbeSpec? From(V1Pod pod, V1Container container)
    {
        var probe = container.ReadinessProbe;
        if (probe is null)
        {
            return null;
        }

        var podIP = pod.Status?.PodIP ?? string.Empty;
        var spec = new ProbeSpec
        {
            Kind = ProbeKind.Unsupported,
            InitialDelay = TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0)),
            Period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10)),
            Timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1)),
            SuccessThreshold = Math.Max(1, probe.SuccessThreshold ?? 1),
            FailureThreshold = Math.Max(1, probe.FailureThreshold ?? 3),
        };

        if (probe.HttpGet is { } http)
        {
            var (port, problem) = ResolvePort(http.Port, container);
            var headers = (http.HttpHeaders ?? [])
                .Where(h => h is not null && !string.IsNullOrEmpty(h.Name))
                .Select(h => new KeyValuePair<string, string>(h.Name, h.Value ?? string.Empty));
            var path = string.IsNullOrEmpty(http.Path) ? "/" : http.Path;
            return spec with
            {
                Kind = ProbeKind.HttpGet,
                Host = string.IsNullOrEmpty(http.Host) ? podIP : http.Host,
                Port = port,
                Problem = problem,
                Path = path.StartsWith('/') ? path : "/" + path,
                Https = string.Equals(http.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase),
                Headers = [.. headers],
            };
        }

        if (probe.TcpSocket is { } tcp)
        {
            var (port, problem) = ResolvePort(tcp.Port, container);
            return spec with { Kind = ProbeKind.TcpSocket, Host = string.IsNullOrEmpty(tcp.Host) ? podIP : tcp.Host, Port = port, Problem = problem };
        }

        if (probe.Grpc is { } grpc)
        {
            return spec with
            {
                Kind = ProbeKind.Grpc,
                Host = podIP,
                Port = grpc.Port,
                GrpcService = grpc.Service ?? string.Empty,
                Problem = grpc.Port is < 1 or > 65535 ? string.Create(CultureInfo.InvariantCulture, $"port {grpc.Port} out of range") : null,
            };
        }

        return spec;
    }

    // The kubelet resolves a named port among the container's own ports (probe.FindPortByName).
    private static (int Port, string? Problem) ResolvePort(IntOrString? port, V1Container container)
    {
        if (IntOrStringValue.TryGetNumber(port, out var number))
        {
            return number is >= 1 and <= 65535 ? ((int)number, null) : (0, string.Create(CultureInfo.InvariantCulture, $"port {number} out of range"));
        }

        var name = port?.Value;
        foreach (var containerPort in container.Ports ?? [])
        {
            if (containerPort is not null && string.Equals(containerPort.Name, name, StringComparison.Ordinal))
            {
                return (containerPort.ContainerPort, null);
            }
        }

        return (0, $"no container port named {name}");
    }
}
