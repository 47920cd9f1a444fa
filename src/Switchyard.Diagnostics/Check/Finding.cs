using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;

namespace Switchyard.Diagnostics.Check;

/// <summary>One problem found by a rule: the object, the field path, what is wrong and a one-line fix.</summary>
public sealed record Finding(string RuleId, Severity Severity, ResourceKey Object, string Field, string Message, string Fix)
{
    /// <summary>Where the object was written (file and line); default when unknown.</summary>
    public SourceLocation Location { get; init; }
}
