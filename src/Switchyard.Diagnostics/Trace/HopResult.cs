namespace Switchyard.Diagnostics.Trace;

/// <summary>How one hop of a trace went.</summary>
public enum HopResult
{
    /// <summary>The request gets past this hop (✔).</summary>
    Ok,

    /// <summary>The request stops or partly fails here (✘).</summary>
    Failed,

    /// <summary>Nothing to judge offline, e.g. a name the upstream resolver answers (•).</summary>
    Info,
}
