namespace Switchyard.Resources.Loading;

/// <summary>Where an object (or one of its fields) was written: a file as the user named it, and a 1-based line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
