namespace Switchyard.Cli.Commands;

/// <summary>A clock stopped at one instant, for <c>check --now</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
