using System.Globalization;
using Switchyard.Ir;

namespace Switchyard.Diagnostics.Trace;

/// <summary>Human names for IR ids: route rules and virtual hosts.</summary>
internal static class RuleNames
{
    /// <summary>The route object's kind for a rule id (<c>httproute/...</c> → HTTPRoute).</summary>
    public static string Kind(RouteRule rule)
    {
        var prefix = rule.Id.Split('/')[0];
        return prefix switch
        {
            "httproute" => "HTTPRoute",
            "grpcroute" => "GRPCRoute",
            "ingress" => "Ingress",
            _ => prefix,
        };
    }

    /// <summary><c>HTTPRoute apps/web rule 1 match 0</c>, <c>Ingress apps/shop rules[0].http.paths[2]</c>, ...</summary>
    public static string Describe(RouteRule rule)
    {
        var parts = rule.Id.Split('/');
        var kind = Kind(rule);
        var name = rule.RuleName is { Length: > 0 } ruleName ? " (" + ruleName + ")" : string.Empty;
        if (parts.Length == 7 && parts[3] == "rule" && parts[5] == "match")
        {
            return $"{kind} {rule.Route} rule {parts[4]}{name} match {parts[6]}";
        }

        if (parts.Length >= 7 && parts[3] == "rule" && parts[5] == "path")
        {
            var variant = parts.Length > 7 ? " (" + string.Join('/', parts[7..]) + ")" : string.Empty;
            return $"{kind} {rule.Route} spec.rules[{parts[4]}].http.paths[{parts[6]}]{variant}";
        }

        if (parts.Length == 4 && parts[0] == "ingress")
        {
            return $"{kind} {rule.Route} {(parts[3] == "defaultbackend" ? "spec.defaultBackend" : parts[3])}";
        }

        return $"{kind} {rule.Route} {rule.Id}";
    }

    /// <summary><c>Gateway demo/web listener http</c> or <c>Ingress host shop.example.com</c>.</summary>
    public static string VirtualHost(VirtualHost host)
    {
        var parts = host.Id.Split('/');
        if (parts.Length == 2 && parts[0] == "ingress")
        {
            return "Ingress host " + (parts[1] == "*" ? "(any)" : parts[1]);
        }

        return ListenerIds.Describe(host.Id);
    }

    /// <summary>The match as written: path, method, headers, query, cookies.</summary>
    public static string Match(RouteMatch match)
    {
        var parts = new List<string> { $"path {match.Path.Type} {match.Path.Value}" };
        if (match.Method is { } method)
        {
            parts.Add("method " + method);
        }

        parts.AddRange(match.Headers.Select(h => $"header {h.Name} {h.Type} {h.Value}"));
        parts.AddRange(match.QueryParams.Select(q => $"query {q.Name} {q.Type} {q.Value}"));
        parts.AddRange(match.Cookies.Select(c => $"cookie {c.Name} {c.Type} {c.Value}"));
        return string.Join(", ", parts);
    }

    public static string Percent(double fraction) =>
        (fraction * 100).ToString(fraction * 100 % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + "%";
}
