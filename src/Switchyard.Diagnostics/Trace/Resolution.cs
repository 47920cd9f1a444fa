namespace Switchyard.Diagnostics.Trace;

/// <summary>Where the host of the URL leads after DNS.</summary>
internal sealed record Resolution
{
    /// <summary>Addresses the cluster DNS (or the URL itself) gives, in answer order; empty for an upstream name.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The name that answered (absolute), or null for an IP literal.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// True when the upstream resolver answers the name (outside the cluster zone, or an ExternalName's target): its
    /// address is unknown offline and assumed to reach Switchyard's listeners.
    /// </summary>
    public bool Upstream { get; init; }

    /// <summary>The cluster name is an alias (an ExternalName Service's CNAME) for this name outside the cluster, or null.</summary>
    public string? AliasOf { get; init; }
}
