using System.Net;

namespace Switchyard.Probing;

/// <summary>Settings of the readiness prober.</summary>
public sealed class ReadinessProberOptions
{
    /// <summary>
    /// Addresses a probe may connect to, or null for any. A probe whose target is refused fails without sending
    /// anything (tests set loopback only).
    /// </summary>
    public Func<IPAddress, bool>? AllowTarget { get; set; }

    /// <summary>User-Agent of HTTP probes, as the kubelet sends <c>kube-probe/&lt;version&gt;</c>.</summary>
    public string UserAgent { get; set; } = "kube-probe/switchyard";
}
