namespace Switchyard.Resources.Loading;

/// <summary>Everything one load produced: the accepted objects, the refused ones and the warnings.</summary>
public sealed record LoadResult(IReadOnlyList<LoadedObject> Objects, IReadOnlyList<LoadError> Errors, IReadOnlyList<LoadWarning> Warnings, IReadOnlyList<string> Files)
{
    public static LoadResult Empty { get; } = new([], [], [], []);
}
