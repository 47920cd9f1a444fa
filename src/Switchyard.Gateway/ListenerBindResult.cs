using System.Collections.Immutable;
using System.Net;

namespace Switchyard.Gateway;

/// <summary>The outcome of binding one IR listener, for status (e.g. a Gateway listener condition) and logs.</summary>
public sealed record ListenerBindResult
{
    /// <summary>The IR <c>Listener.Id</c>.</summary>
    public required string ListenerId { get; init; }

    /// <summary>The status objects that own the binding ("ns/gateway/listener").</summary>
    public ImmutableArray<string> Owners { get; init; } = [];

    public required bool Success { get; init; }

    /// <summary>Why the bind failed (the operating system's message, e.g. "address already in use"), or null.</summary>
    public string? Error { get; init; }

    /// <summary>True when the bind failed because the listener's address is not one of this host's (not a taken port).</summary>
    public bool AddressNotAssigned { get; init; }

    /// <summary>The endpoint actually bound (with the real port when the listener asked for port 0), or null on failure.</summary>
    public IPEndPoint? EndPoint { get; init; }

    /// <summary>The bound port, or 0 on failure.</summary>
    public int Port => EndPoint?.Port ?? 0;
}
