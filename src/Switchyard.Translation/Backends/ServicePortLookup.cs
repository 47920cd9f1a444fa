namespace Switchyard.Translation.Backends;

/// <summary>The result of looking up a Service port as a backend: the cluster id when found, else why not.</summary>
internal readonly record struct ServicePortLookup(ServicePortOutcome Outcome, string ClusterId, string Message)
{
    public bool Found => Outcome == ServicePortOutcome.Found;
}
