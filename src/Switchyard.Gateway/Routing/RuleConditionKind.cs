namespace Switchyard.Gateway.Routing;

/// <summary>The part of a rule's match a request is checked against, in the order a rule checks them.</summary>
internal enum RuleConditionKind
{
    Hostname,
    Path,
    Method,
    Header,
    Cookie,
    Query,
}
