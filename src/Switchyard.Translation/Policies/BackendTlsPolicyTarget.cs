using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.Policies;

/// <summary>One targetRef of a BackendTLSPolicy, with what was decided about it.</summary>
internal sealed class BackendTlsPolicyTarget
{
    public required BackendTlsPolicyEntry Policy { get; init; }

    public required string Group { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The Service port name, or null for every port of the Service.</summary>
    public string? SectionName { get; init; }

    /// <summary>
    /// Why this target is not in effect: TargetNotFound (no such Service or port), Invalid (not a TCP port) or
    /// Conflicted (another policy takes precedence); null when it is.
    /// </summary>
    public Problem? Problem { get; set; }

    /// <summary>Said in the Accepted message while the target is in effect (e.g. UDP ports left out).</summary>
    public string? Note { get; set; }

    public bool IsService => Group.Length == 0 && string.Equals(Kind, "Service", StringComparison.Ordinal);

    /// <summary>How the target reads in messages: <c>Service ns/name</c> or <c>Service ns/name port https</c>.</summary>
    public string Describe() => Kind + " " + Policy.Namespace + "/" + Name + (SectionName is null ? string.Empty : " port " + SectionName);
}
