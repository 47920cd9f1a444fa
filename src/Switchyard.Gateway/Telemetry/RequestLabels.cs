using System.Globalization;
using Switchyard.Ir;

namespace Switchyard.Gateway.Telemetry;

/// <summary>
/// The metric and access-log labels of one compiled rule, built once per snapshot so that the request path only
/// copies references. Every value comes from the configuration, so cardinality is bounded by it.
/// </summary>
internal sealed class RequestLabels
{
    /// <summary>Labels of a request no rule matched.</summary>
    public static readonly RequestLabels None = new("none", "none", "none", "none");

    private RequestLabels(string gateway, string listener, string route, string rule)
    {
        Gateway = gateway;
        Listener = listener;
        Route = route;
        Rule = rule;
    }

    /// <summary><c>ns/gateway</c> (or <c>ingress</c>).</summary>
    public string Gateway { get; }

    /// <summary>The Gateway listener name (or the Ingress host).</summary>
    public string Listener { get; }

    /// <summary>The route object, <c>ns/name</c>.</summary>
    public string Route { get; }

    /// <summary>The rule's name (<c>rules[].name</c>, HTTPRouteNamedRouteRule) when it has one, else its index within the route.</summary>
    public string Rule { get; }

    public static RequestLabels For(VirtualHost host, RouteRule rule)
    {
        var id = host.Id;
        var slash = id.LastIndexOf('/');
        var gateway = slash < 0 ? id : id[..slash];
        var listener = slash < 0 ? id : id[(slash + 1)..];
        return new RequestLabels(gateway, listener, rule.Route, rule.RuleName ?? rule.RuleIndex.ToString(CultureInfo.InvariantCulture));
    }
}
