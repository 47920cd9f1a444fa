using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>Scratch state for one of our Gateways during a translation run.</summary>
internal sealed class GatewayEntry
{
    public required Gateway Gateway { get; init; }

    public required ResourceKey Key { get; init; }

    public required long Generation { get; init; }

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    public DateTime Created => Gateway.Metadata.CreationTimestamp ?? DateTime.MinValue;

    public List<ListenerEntry> Listeners { get; } = [];

    /// <summary>IP literals the Gateway's listeners bind to.</summary>
    public List<string> Addresses { get; } = [];

    /// <summary>Set when the Gateway as a whole is refused (Accepted=False).</summary>
    public Problem? NotAccepted { get; set; }

    /// <summary>Set when some requested address cannot be used (Programmed=False, AddressNotUsable).</summary>
    public string? UnusableAddresses { get; set; }

    /// <summary>The client certificate presented to backends spoken to over TLS (spec.tls.backend), when it resolved.</summary>
    public Ir.TlsCertificate? BackendClientCertificate { get; set; }

    /// <summary>Why spec.tls.backend.clientCertificateRef did not resolve (ResolvedRefs=False on the Gateway).</summary>
    public Problem? BackendClientCertificateProblem { get; set; }

    public bool Accepted => NotAccepted is null;
}
