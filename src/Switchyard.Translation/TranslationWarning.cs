using Switchyard.Resources.Store;

namespace Switchyard.Translation;

/// <summary>Something about an object that does not refuse it but that an operator should know.</summary>
public sealed record TranslationWarning(ResourceKey Object, string Field, string Message)
{
    /// <summary>What kind of warning this is (one of <see cref="WarningCodes"/>), for <c>check</c> rules; null for the rest.</summary>
    public string? Code { get; init; }

    public override string ToString() => string.IsNullOrEmpty(Field) ? $"{Object}: {Message}" : $"{Object}: {Field}: {Message}";
}
