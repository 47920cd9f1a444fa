using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Status;

/// <summary>One-line summary of an object's status for the table: its conditions, "Type" when True, "Type=False(Reason)" otherwise.</summary>
public static class StatusSummary
{
    public static string Of(JsonObject obj)
    {
        var status = obj["status"] as JsonObject;
        if (status is null)
        {
            return "-";
        }

        var parts = new List<string>();
        if (status["conditions"] is JsonArray conditions)
        {
            parts.Add(Conditions(conditions));
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

        if (status["loadBalancer"]?["ingress"] is JsonArray lb)
        {
            var addresses = lb.OfType<JsonObject>().Select(i => i["ip"]?.GetValue<string>() ?? i["hostname"]?.GetValue<string>()).Where(a => a is not null);
            parts.Add("address " + string.Join(",", addresses));
        }

        parts.RemoveAll(string.IsNullOrEmpty);
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
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
