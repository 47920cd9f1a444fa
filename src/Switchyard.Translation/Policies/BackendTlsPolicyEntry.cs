using Switchyard.Ir;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.Policies;

/// <summary>Scratch state for one BackendTLSPolicy during a translation run.</summary>
internal sealed class BackendTlsPolicyEntry
{
    public required BackendTlsPolicy Policy { get; init; }

    public required ResourceKey Key { get; init; }

    public required long Generation { get; init; }

    public DateTime Created => Policy.Metadata.CreationTimestamp ?? DateTime.MinValue;

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    /// <summary><c>ns/name</c>: the alphabetical tie-breaker and the label in messages.</summary>
    public string FullName => Key.Namespace + "/" + Key.Name;

    /// <summary>
    /// How to speak TLS to the targeted backends, or null when the policy cannot be honoured (<see cref="NotAccepted"/>);
    /// connections then fail rather than fall back to cleartext.
    /// </summary>
    public BackendTls? Tls { get; set; }

    /// <summary>Accepted=False for the policy as a whole: Invalid, or NoValidCACertificate.</summary>
    public Problem? NotAccepted { get; set; }

    /// <summary>Invalid caCertificateRefs (ResolvedRefs=False), in spec order.</summary>
    public List<Problem> RefProblems { get; } = [];

    /// <summary>Things the Accepted message mentions while the policy is accepted (ignored options).</summary>
    public List<string> Notes { get; } = [];

    public List<BackendTlsPolicyTarget> Targets { get; } = [];
}
