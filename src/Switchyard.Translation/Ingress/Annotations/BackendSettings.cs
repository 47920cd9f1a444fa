using Switchyard.Ir;

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>How to talk to the backends of an Ingress: protocol (null: the Service port's) and timeouts (null: defaults).</summary>
internal sealed record BackendSettings
{
    public static BackendSettings Default { get; } = new();

    public BackendProtocol? Protocol { get; init; }

    public TimeSpan? ConnectTimeout { get; init; }

    public TimeSpan? ReadTimeout { get; init; }
}
