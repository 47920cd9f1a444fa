using Switchyard.Ir.ServiceProxy;

namespace Switchyard.ServiceProxy;

/// <summary>The binding result of one frontend, for <c>status</c>.</summary>
public sealed record FrontendBinding
{
    /// <summary>The <see cref="ServiceProxyRule.Id"/> the frontend belongs to.</summary>
    public required string RuleId { get; init; }

    /// <summary>The Service, <c>ns/name</c>.</summary>
    public required string Service { get; init; }

    public required ServiceProxyProtocol Protocol { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public required ServiceProxyFrontendKind Kind { get; init; }

    public required FrontendBindingState State { get; init; }

    /// <summary>Endpoints new connections on this frontend may go to.</summary>
    public int Endpoints { get; init; }

    /// <summary>Why binding failed, or null.</summary>
    public string? Message { get; init; }

    public override string ToString() => $"{RuleId} {Protocol} {Address}:{Port} ({Kind}): {State}" + (Message is null ? string.Empty : ": " + Message);
}
