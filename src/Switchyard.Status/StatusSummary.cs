using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Status;

/// <summary>One-line summary of an object's status for the table: its conditions, "Type" when True, "Type=False(Reason)" otherwise.</summary>
public static class StatusSummary
{
    public static string Of(JsonObject obj)
    {
        var parts = new List<string>();
        switch (obj["kind"]?.GetValue<string>())
        {
            case "Service":
                parts.Add(Service(obj));
                break;
            case "EndpointSlice":
                parts.Add(EndpointSlice(obj));
                break;
        }

        var status = obj["status"] as JsonObject;
        if (status is null)
        {
            return parts.Count == 0 ? "-" : string.Join("; ", parts);
        }

        if (status["conditions"] is JsonArray conditions)
        {
            parts.Add(Conditions(conditions));
        }

        // A Gateway's ListenerSets: how many it took (reported once it allows them or one names it).
        if (status["attachedListenerSets"] is { } attachedSets)
        {
            parts.Add("listenersets=" + attachedSets.ToJsonString());
        }

        if (status["listeners"] is JsonArray listeners)
        {
            foreach (var listener in listeners.OfType<JsonObject>())
            {
                var name = listener["name"]?.GetValue<string>() ?? "?";
                var attached = listener["attachedRoutes"]?.ToJsonString() ?? "0";
                var cond = listener["conditions"] is JsonArray lc ? Conditions(lc) : string.Empty;
                parts.Add($"listener {name} [{cond}] routes={attached}");
            }
        }

        if (status["parents"] is JsonArray parents)
        {
            foreach (var parent in parents.OfType<JsonObject>())
            {
                var reference = parent["parentRef"] as JsonObject;
                var name = reference?["name"]?.GetValue<string>() ?? "?";
                var section = reference?["sectionName"]?.GetValue<string>();
                var cond = parent["conditions"] is JsonArray pc ? Conditions(pc) : string.Empty;
                parts.Add($"{name}{(section is null ? string.Empty : "/" + section)} [{cond}]");
            }
        }

        // Policies (BackendTLSPolicy): one entry per Gateway the policy takes effect through.
        if (status["ancestors"] is JsonArray ancestors)
        {
            if (ancestors.Count == 0)
            {
                parts.Add("no ancestors (no route uses it)");
            }

            var ownNamespace = obj["metadata"]?["namespace"]?.GetValue<string>();
            foreach (var ancestor in ancestors.OfType<JsonObject>())
            {
                var reference = ancestor["ancestorRef"] as JsonObject;
                var name = reference?["name"]?.GetValue<string>() ?? "?";
                var ns = reference?["namespace"]?.GetValue<string>();
                var cond = ancestor["conditions"] is JsonArray ac ? Conditions(ac) : string.Empty;
                parts.Add($"{(ns is null || ns == ownNamespace ? name : ns + "/" + name)} [{cond}]");
            }
        }

        if (status["loadBalancer"]?["ingress"] is JsonArray lb)
        {
            var addresses = lb.OfType<JsonObject>().Select(i => i["ip"]?.GetValue<string>() ?? i["hostname"]?.GetValue<string>()).Where(a => a is not null);
            parts.Add("address " + string.Join(",", addresses));
        }

        parts.RemoveAll(string.IsNullOrEmpty);
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    /// <summary>What <c>kubectl get svc</c> shows: type, cluster IPs (or external name) and ports with their node ports.</summary>
    private static string Service(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        var type = spec?["type"]?.GetValue<string>() ?? "ClusterIP";
        var sb = new StringBuilder(type);
        if (type == "ExternalName")
        {
            sb.Append(' ').Append(spec?["externalName"]?.GetValue<string>() ?? "?");
        }
        else if (spec?["clusterIPs"] is JsonArray ips && ips.Count > 0)
        {
            sb.Append(' ').AppendJoin(",", ips.Select(ip => ip?.GetValue<string>()));
        }
        else if (obj["metadata"]?["labels"]?["gateway.networking.k8s.io/gateway-name"] is not null && spec?["clusterIP"] is null)
        {
            // A Gateway's generated Service: the gateway process answers on the load-balancer addresses only.
            sb.Append(" <none>");
        }
        else
        {
            sb.Append(' ').Append(spec?["clusterIP"]?.GetValue<string>() ?? "<pending>");
        }

        if (spec?["ports"] is JsonArray ports && ports.Count > 0)
        {
            sb.Append(' ').AppendJoin(",", ports.OfType<JsonObject>().Select(p =>
                p["port"]?.ToJsonString() + (p["nodePort"] is { } node ? ":" + node.ToJsonString() : string.Empty)
                + "/" + (p["protocol"]?.GetValue<string>() ?? "TCP")));
        }

        return sb.ToString();
    }

    /// <summary>Endpoint counts by condition, the way operators read a slice: how many can take traffic now.</summary>
    private static string EndpointSlice(JsonObject obj)
    {
        var endpoints = (obj["endpoints"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        // An absent ready condition means ready (discovery.k8s.io/v1); terminating endpoints are never ready.
        var ready = endpoints.Count(e => e["conditions"]?["ready"]?.GetValue<bool>() != false && e["conditions"]?["terminating"]?.GetValue<bool>() != true);
        var terminating = endpoints.Count(e => e["conditions"]?["terminating"]?.GetValue<bool>() == true);
        var text = $"{endpoints.Count} endpoints, {ready} ready";
        return terminating > 0 ? $"{text}, {terminating} terminating" : text;
    }

    private static readonly HashSet<string> NegativePolarity = new(StringComparer.Ordinal) { "Conflicted", "OverlappingTLSConfig", "PartiallyInvalid" };

    private static string Conditions(JsonArray conditions)
    {
        var sb = new StringBuilder();
        foreach (var c in conditions.OfType<JsonObject>())
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            var type = c["type"]?.GetValue<string>() ?? "?";
            var value = c["status"]?.GetValue<string>() ?? "Unknown";
            if (NegativePolarity.Contains(type))
            {
                // For these, False is the healthy state: show them only when they report a problem.
                if (value != "False")
                {
                    sb.Append(type).Append('(').Append(c["reason"]?.GetValue<string>() ?? string.Empty).Append(')');
                }
                else if (sb.Length > 0)
                {
                    sb.Length -= 2;
                }

                continue;
            }

            if (value == "True")
            {
                sb.Append(type);
            }
            else
            {
                sb.Append(type).Append('=').Append(value).Append('(').Append(c["reason"]?.GetValue<string>() ?? string.Empty).Append(')');
            }
        }

        return sb.ToString();
    }
}
