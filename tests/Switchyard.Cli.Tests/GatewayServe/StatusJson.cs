using System.Text.Json.Nodes;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>Reads conditions out of an object as admin <c>/status</c> shows it.</summary>
internal static class StatusJson
{
    /// <summary>The status of listener <paramref name="name"/> of a Gateway.</summary>
    public static JsonNode Listener(JsonNode gateway, string name)
    {
        foreach (var listener in gateway["status"]?["listeners"]?.AsArray() ?? [])
        {
            if (listener!["name"]!.GetValue<string>() == name)
            {
                return listener;
            }
        }

        Assert.Fail("no status for listener " + name + " in " + gateway.ToJsonString());
        return null!;
    }

    /// <summary>The status entry of a route for its parentRef to Gateway <paramref name="gateway"/> (and section).</summary>
    public static JsonNode RouteParent(JsonNode route, string gateway, string? sectionName = null)
    {
        foreach (var parent in route["status"]?["parents"]?.AsArray() ?? [])
        {
            var parentRef = parent!["parentRef"]!;
            if (parentRef["name"]!.GetValue<string>() == gateway && parentRef["sectionName"]?.GetValue<string>() == sectionName)
            {
                return parent;
            }
        }

        Assert.Fail("no parent status for " + gateway + "/" + sectionName + " in " + route.ToJsonString());
        return null!;
    }

    /// <summary>The condition of <paramref name="type"/> on an object status, listener or route parent.</summary>
    public static JsonNode Condition(JsonNode holder, string type)
    {
        var conditions = holder["conditions"] ?? holder["status"]?["conditions"];
        foreach (var condition in conditions?.AsArray() ?? [])
        {
            if (condition!["type"]!.GetValue<string>() == type)
            {
                return condition;
            }
        }

        Assert.Fail("no condition " + type + " in " + holder.ToJsonString());
        return null!;
    }

    /// <summary>Asserts a condition's status and reason; returns its message.</summary>
    public static string AssertCondition(JsonNode holder, string type, string status, string reason)
    {
        var condition = Condition(holder, type);
        Assert.True(
            condition["status"]!.GetValue<string>() == status && condition["reason"]!.GetValue<string>() == reason,
            "expected " + type + "=" + status + " (" + reason + "), got " + condition.ToJsonString());
        return condition["message"]?.GetValue<string>() ?? string.Empty;
    }
}
