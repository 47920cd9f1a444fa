using System.Globalization;
using System.Text;
using k8s.Models;

namespace Switchyard.Resources.Validation;

public static partial class CoreValidation
{
    private static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];

    /// <summary>
    /// The parts of a Pod that routing reads: containers and their ports and probes, DNS hostname and subdomain, and
    /// the status IPs (checked as a status update would check them, since manifests here carry status).
    /// </summary>
    public static void Pod(V1Pod pod, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(pod.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        var spec = pod.Spec ?? new V1PodSpec();
        var containers = spec.Containers ?? [];
        var initContainers = spec.InitContainers ?? [];

        if (containers.Count == 0)
        {
            ctx.Required("spec.containers");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] ?? new V1Container();
            var path = Index("spec.containers", i);
            ValidateContainerCommon(container, path, ctx);
            if (!names.Add(container.Name ?? string.Empty))
            {
                ctx.Duplicate(path + ".name", container.Name ?? string.Empty);
            }

            ValidateProbe(container.LivenessProbe, path + ".livenessProbe", ProbeKind.Liveness, ctx);
            ValidateProbe(container.ReadinessProbe, path + ".readinessProbe", ProbeKind.Readiness, ctx);
            ValidateProbe(container.StartupProbe, path + ".startupProbe", ProbeKind.Startup, ctx);
            if (container.RestartPolicy is not null)
            {
                ctx.Forbidden(path + ".restartPolicy", "may not be set for non-init containers");
            }
        }

        CheckHostPortConflicts(containers, "spec.containers", ctx);

        for (var i = 0; i < initContainers.Count; i++)
        {
            var container = initContainers[i] ?? new V1Container();
            var path = Index("spec.initContainers", i);
            ValidateContainerCommon(container, path, ctx);
            var sidecar = false;
            if (container.RestartPolicy is not null)
            {
                if (container.RestartPolicy == "Always")
                {
                    sidecar = true;
                }
                else
                {
                    ctx.NotSupported(path + ".restartPolicy", container.RestartPolicy, "Always");
                }
            }

            if (names.Contains(container.Name ?? string.Empty))
            {
                ctx.Duplicate(path + ".name", container.Name ?? string.Empty);
            }
            else if (!string.IsNullOrEmpty(container.Name))
            {
                names.Add(container.Name);
            }

            // Init containers run one at a time, so host ports only clash within one.
            CheckHostPortConflicts([container], "spec.initContainers", ctx);

            if (sidecar)
            {
                ValidateProbe(container.LivenessProbe, path + ".livenessProbe", ProbeKind.Liveness, ctx);
                ValidateProbe(container.ReadinessProbe, path + ".readinessProbe", ProbeKind.Readiness, ctx);
                ValidateProbe(container.StartupProbe, path + ".startupProbe", ProbeKind.Startup, ctx);
            }
            else
            {
                const string detail = "may not be set for init containers without restartPolicy=Always";
                if (container.LivenessProbe is not null)
                {
                    ctx.Forbidden(path + ".livenessProbe", detail);
                }

                if (container.ReadinessProbe is not null)
                {
                    ctx.Forbidden(path + ".readinessProbe", detail);
                }

                if (container.StartupProbe is not null)
                {
                    ctx.Forbidden(path + ".startupProbe", detail);
                }
            }
        }

        if (!string.IsNullOrEmpty(spec.Hostname))
        {
            foreach (var msg in NameValidation.IsDns1123Label(spec.Hostname))
            {
                ctx.Invalid("spec.hostname", spec.Hostname, msg);
            }
        }

        if (!string.IsNullOrEmpty(spec.Subdomain))
        {
            foreach (var msg in NameValidation.IsDns1123Label(spec.Subdomain))
            {
                ctx.Invalid("spec.subdomain", spec.Subdomain, msg);
            }
        }

        ValidatePodIPs(pod.Status?.PodIPs, ctx);
    }

    private enum ProbeKind
    {
        Liveness,
        Readiness,
        Startup,
    }

    private static void ValidateContainerCommon(V1Container container, string path, ValidationContext ctx)
    {
        if (string.IsNullOrEmpty(container.Name))
        {
            ctx.Required(path + ".name");
        }
        else
        {
            foreach (var msg in NameValidation.IsDns1123Label(container.Name))
            {
                ctx.Invalid(path + ".name", container.Name, msg);
            }
        }

        if (string.IsNullOrEmpty(container.Image))
        {
            ctx.Required(path + ".image");
        }
        else if (container.Image.Trim().Length != container.Image.Length)
        {
            ctx.Invalid(path + ".image", container.Image, "must not have leading or trailing whitespace");
        }

        ValidateContainerPorts(container.Ports, path + ".ports", ctx);
    }

    private static void ValidateContainerPorts(IList<V1ContainerPort>? ports, string path, ValidationContext ctx)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i] ?? new V1ContainerPort();
            var portPath = Index(path, i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var errs = NameValidation.IsIanaSvcName(port.Name);
                foreach (var msg in errs)
                {
                    ctx.Invalid(portPath + ".name", port.Name, msg);
                }

                if (errs.Count == 0 && !names.Add(port.Name))
                {
                    ctx.Duplicate(portPath + ".name", port.Name);
                }
            }

            if (port.ContainerPort == 0)
            {
                ctx.Required(portPath + ".containerPort");
            }
            else
            {
                foreach (var msg in NameValidation.IsValidPortNumber(port.ContainerPort))
                {
                    ctx.Invalid(portPath + ".containerPort", port.ContainerPort, msg);
                }
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                foreach (var msg in NameValidation.IsValidPortNumber(hostPort))
                {
                    ctx.Invalid(portPath + ".hostPort", hostPort, msg);
                }
            }

            ValidateProtocol(port.Protocol, portPath + ".protocol", ctx);
        }
    }

    private static void CheckHostPortConflicts(IList<V1Container> containers, string path, ValidationContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < containers.Count; c++)
        {
            var ports = containers[c]?.Ports ?? [];
            for (var p = 0; p < ports.Count; p++)
            {
                if (ports[p]?.HostPort is not { } hostPort || hostPort == 0)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"{ports[p].Protocol}/{ports[p].HostIP}/{hostPort}");
                if (!seen.Add(key))
                {
                    ctx.Duplicate($"{Index(path, c)}.ports{Index(string.Empty, p)}.hostPort", key);
                }
            }
        }
    }

    private static void ValidateProbe(V1Probe? probe, string path, ProbeKind kind, ValidationContext ctx)
    {
        if (probe is null)
        {
            return;
        }

        ValidateProbeHandler(probe, path, ctx);
        ValidateNonNegative(probe.InitialDelaySeconds, path + ".initialDelaySeconds", ctx);
        ValidateNonNegative(probe.TimeoutSeconds, path + ".timeoutSeconds", ctx);
        ValidateNonNegative(probe.PeriodSeconds, path + ".periodSeconds", ctx);
        ValidateNonNegative(probe.SuccessThreshold, path + ".successThreshold", ctx);
        ValidateNonNegative(probe.FailureThreshold, path + ".failureThreshold", ctx);
        if (probe.TerminationGracePeriodSeconds is <= 0)
        {
            ctx.Invalid(path + ".terminationGracePeriodSeconds", probe.TerminationGracePeriodSeconds.Value, "must be greater than 0");
        }

        switch (kind)
        {
            case ProbeKind.Liveness or ProbeKind.Startup when probe.SuccessThreshold != 1:
                ctx.Invalid(path + ".successThreshold", probe.SuccessThreshold ?? 0, "must be 1");
                break;
            case ProbeKind.Readiness when probe.TerminationGracePeriodSeconds is not null:
                ctx.Invalid(path + ".terminationGracePeriodSeconds", probe.TerminationGracePeriodSeconds.Value, "must not be set for readinessProbes");
                break;
        }
    }

    // Exactly one handler; later ones are reported as forbidden in the server's order.
    private static void ValidateProbeHandler(V1Probe probe, string path, ValidationContext ctx)
    {
        var handlers = 0;
        if (probe.Exec is not null)
        {
            handlers++;
            if (probe.Exec.Command is not { Count: > 0 })
            {
                ctx.Required(path + ".exec.command");
            }
        }

        if (probe.HttpGet is not null)
        {
            if (handlers++ > 0)
            {
                ctx.Forbidden(path + ".httpGet", "may not specify more than 1 handler type");
            }
            else
            {
                ValidateHttpGet(probe.HttpGet, path + ".httpGet", ctx);
            }
        }

        if (probe.TcpSocket is not null)
        {
            if (handlers++ > 0)
            {
                ctx.Forbidden(path + ".tcpSocket", "may not specify more than 1 handler type");
            }
            else
            {
                ValidatePortNumberOrName(probe.TcpSocket.Port, path + ".tcpSocket.port", ctx);
            }
        }

        if (probe.Grpc is not null)
        {
            if (handlers++ > 0)
            {
                ctx.Forbidden(path + ".grpc", "may not specify more than 1 handler type");
            }
            else
            {
                foreach (var msg in NameValidation.IsValidPortNumber(probe.Grpc.Port))
                {
                    ctx.Invalid(path + ".grpc.port", probe.Grpc.Port, msg);
                }
            }
        }

        if (handlers == 0)
        {
            ctx.Required(path, "must specify a handler type");
        }
    }

    private static void ValidateHttpGet(V1HTTPGetAction httpGet, string path, ValidationContext ctx)
    {
        if (string.IsNullOrEmpty(httpGet.Path))
        {
            ctx.Required(path + ".path");
        }

        ValidatePortNumberOrName(httpGet.Port, path + ".port", ctx);
        if (!HttpSchemes.Contains(httpGet.Scheme ?? string.Empty, StringComparer.Ordinal))
        {
            ctx.NotSupported(path + ".scheme", httpGet.Scheme, HttpSchemes);
        }

        foreach (var header in httpGet.HttpHeaders ?? [])
        {
            foreach (var msg in NameValidation.IsHttpHeaderName(header?.Name ?? string.Empty))
            {
                ctx.Invalid(path + ".httpHeaders", header?.Name, msg);
            }
        }
    }

    private static void ValidateNonNegative(int? value, string path, ValidationContext ctx)
    {
        if (value is < 0)
        {
            ctx.Invalid(path, value.Value, "must be greater than or equal to 0");
        }
    }

    private static void ValidatePodIPs(IList<V1PodIP>? podIPs, ValidationContext ctx)
    {
        if (podIPs is null)
        {
            return;
        }

        for (var i = 0; i < podIPs.Count; i++)
        {
            IpValidation.ValidateIpForLegacyField(ctx, Index("status.podIPs", i), podIPs[i]?.Ip);
        }

        if (podIPs.Count <= 1)
        {
            return;
        }

        var ips = podIPs.Select(p => p?.Ip ?? string.Empty).ToList();
        if (podIPs.Count > 2 || !IpValidation.IsDualStack(ips))
        {
            // The server renders its internal (untagged) []core.PodIP as JSON.
            var rendered = new StringBuilder("[");
            for (var i = 0; i < ips.Count; i++)
            {
                rendered.Append(i > 0 ? "," : string.Empty).Append(RenderPodIP(ips[i]));
            }

            ctx.InvalidRendered("status.podIPs", rendered.Append(']').ToString(), "may specify no more than one IP for each IP family");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ips.Count; i++)
        {
            if (!seen.Add(ips[i]))
            {
                ctx.DuplicateRendered(Index("status.podIPs", i), RenderPodIP(ips[i]));
            }
        }
    }

    private static string RenderPodIP(string ip) => "{\"IP\":" + GoFormat.JsonString(ip) + "}";
}
