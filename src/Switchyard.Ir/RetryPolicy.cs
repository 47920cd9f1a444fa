using System.Collections.Immutable;

namespace Switchyard.Ir;

/// <summary>
/// When and how often a rule retries a backend request (Gateway API <c>rules[].retry</c>). A refused or reset
/// connection before any response byte and an attempt that runs past <see cref="RouteAction.BackendRequestTimeout"/>
/// are always retried; responses are retried when their status is in <see cref="Codes"/>. Each retry picks a backend
/// again; <see cref="RouteAction.RequestTimeout"/> bounds all attempts and waits together.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Response status codes (400-599) that are retried, ascending.</summary>
    public ImmutableArray<int> Codes { get; init; } = [];

    /// <summary>Retries after the first attempt (at least 1).</summary>
    public required int Attempts { get; init; }

    /// <summary>The least time between the end of an attempt and the next; zero retries at once.</summary>
    public TimeSpan Backoff { get; init; }
}
