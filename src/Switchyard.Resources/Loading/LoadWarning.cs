namespace Switchyard.Resources.Loading;

/// <summary>Something skipped but not refused, such as a kind Switchyard does not read.</summary>
public sealed record LoadWarning(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
