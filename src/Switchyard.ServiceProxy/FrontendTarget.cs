namespace Switchyard.ServiceProxy;

/// <summary>What a frontend forwards to under one snapshot; swapped whole, read once per new connection or flow.</summary>
internal sealed class FrontendTarget
{
    public static FrontendTarget None { get; } = new(string.Empty, string.Empty, [], 0);

    public FrontendTarget(string ruleId, string service, EndpointState[] endpoints, long affinityTimeout)
    {
        RuleId = ruleId;
        Service = service;
        Endpoints = endpoints;
        AffinityTimeout = affinityTimeout;
    }

    public string RuleId { get; }

    public string Service { get; }

    public EndpointState[] Endpoints { get; }

    /// <summary>ClientIP affinity timeout in <see cref="TimeProvider"/> timestamp units, or 0 for none.</summary>
    public long AffinityTimeout { get; }
}
