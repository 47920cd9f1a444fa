using Switchyard.Diagnostics.Check;

namespace Switchyard.Diagnostics.Trace;

/// <summary>The walk of one request: its hops in order, whether a ready endpoint serves it, and why (not).</summary>
public sealed record TraceReport
{
    public required TraceRequest Request { get; init; }

    public required IReadOnlyList<TraceHop> Hops { get; init; }

    /// <summary>True when every way the request may go ends at a ready endpoint (exit code 0).</summary>
    public required bool Served { get; init; }

    /// <summary>One line: what happens to the request.</summary>
    public required string Verdict { get; init; }

    /// <summary><c>check</c> findings about objects on the path.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
