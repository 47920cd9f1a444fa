namespace Switchyard.Gateway.Routing;

/// <summary>
/// What <see cref="RouteTable.Explain"/> found: the virtual host (null: no hostname matches, 404), the rule the data
/// plane picks (from <see cref="RouteTable.Match"/> itself; null: 404) and every rule of the virtual host, in
/// precedence order, with the conditions the request failed.
/// </summary>
internal sealed record RouteExplanation(VirtualHostRoutes? VirtualHost, CompiledRule? Matched, IReadOnlyList<RuleExplanation> Rules);
