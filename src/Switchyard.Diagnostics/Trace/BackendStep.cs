using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Ir;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The backends of the matched rule with their chance of being picked (weight / sum of weights, as the data plane
/// picks), then each backend's Service and endpoints. Returns the Pods that may receive the request.
/// </summary>
internal static class BackendStep
{
    public static void Run(TraceState state, RouteRule rule)
    {
        var backends = rule.Action.Backends;
        var total = backends.Where(b => b.Weight > 0).Sum(b => (long)b.Weight);
        if (total == 0)
        {
            var noBackend = state.Answer(500);
            state.Fail("backend", noBackend + ": the rule has no backend with a weight above 0", noBackend + " from the gateway: no usable backend");
            return;
        }

        var choices = new JsonArray();
        var hop = state.Add("backend", HopResult.Ok, string.Join(", ", backends.Where(b => b.Weight > 0).Select(b => $"{Name(b)} {RuleNames.Percent(b.Weight / (double)total)}")));
        var failedShare = 0.0;
        var reasons = new List<Share>();
        foreach (var backend in backends)
        {
            var probability = backend.Weight > 0 ? backend.Weight / (double)total : 0;
            var choice = new JsonObject
            {
                ["cluster"] = backend.ClusterId,
                ["weight"] = backend.Weight,
                ["probability"] = Math.Round(probability, 4),
            };
            choices.Add(choice);
            if (backend.Weight <= 0)
            {
                hop.Detail($"{backend.ClusterId}: weight 0, never chosen");
                continue;
            }

            hop.Detail($"{backend.ClusterId}: weight {backend.Weight.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} ({RuleNames.Percent(probability)})");
            foreach (var line in Modifiers(backend))
            {
                hop.Detail("  " + line);
            }

            if (backend.DirectResponse is { } direct)
            {
                failedShare += probability;
                reasons.Add(new Share(probability, direct.StatusCode, $"{backend.ClusterId} does not resolve", true));
                choice["status"] = direct.StatusCode;
                continue;
            }

            var cluster = state.Snapshot.Clusters.FirstOrDefault(c => string.Equals(c.Id, backend.ClusterId, StringComparison.Ordinal));
            if (cluster is null || !TryParse(backend.ClusterId, out var ns, out var name, out var port))
            {
                failedShare += probability;
                reasons.Add(new Share(probability, 500, $"{backend.ClusterId} is not defined", true));
                choice["status"] = 500;
                continue;
            }

            var receivers = cluster.Endpoints.Select(e => new EndpointReceiver(e.Address, e.Port, e.TargetRef)).ToList();
            var notes = new List<string> { $"backend protocol {cluster.Protocol}" };
            if (ServiceStep.Run(state, ns, name, port, receivers, notes) is null)
            {
                failedShare += probability;
                reasons.Add(new Share(probability, 503, $"Service {ns}/{name} has no ready endpoint", false));
                choice["status"] = 503;
            }
        }

        hop.Data["backends"] = choices;
        if (reasons.Any(r => r.BackendFailed))
        {
            hop.Result = HopResult.Failed;
        }

        if (failedShare > 0)
        {
            state.Verdict = failedShare >= 0.99995
                ? string.Join("; ", reasons.Select(r => $"{state.Answer(r.Status)} from the gateway: {r.Why}"))
                : "partly served: " + string.Join("; ", reasons.Select(r => $"{RuleNames.Percent(r.Probability)} of requests get {state.Answer(r.Status)} ({r.Why})"));
            state.Stopped = true;
        }
        else
        {
            state.Served = true;
            state.Verdict = "served by " + string.Join(", ", backends.Where(b => b.Weight > 0).Select(Name));
        }
    }

    /// <summary>
    /// Parses <c>service/&lt;ns&gt;/&lt;name&gt;/port/&lt;port&gt;</c>, also with a variant of the same Service port after it
    /// (<c>.../h2c</c>: the HTTP/2 cluster GRPCRoutes get for a port without an appProtocol).
    /// </summary>
    public static bool TryParse(string clusterId, out string ns, out string name, out int port)
    {
        var parts = clusterId.Split('/');
        ns = name = string.Empty;
        port = 0;
        if (parts.Length is not (5 or 6) || parts[0] != "service" || parts[3] != "port" || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        (ns, name) = (parts[1], parts[2]);
        return true;
    }

    private static string Name(WeightedBackend backend) =>
        TryParse(backend.ClusterId, out var ns, out var name, out var port) ? $"Service {ns}/{name}:{port.ToString(CultureInfo.InvariantCulture)}" : backend.ClusterId;

    private static IEnumerable<string> Modifiers(WeightedBackend backend)
    {
        foreach (var (what, modifier) in new[] { ("request header", backend.RequestHeaders), ("response header", backend.ResponseHeaders) })
        {
            if (modifier is null)
            {
                continue;
            }

            foreach (var (key, value) in modifier.Set)
            {
                yield return $"{what} set {key}: {value}";
            }

            foreach (var (key, value) in modifier.Add)
            {
                yield return $"{what} add {key}: {value}";
            }

            foreach (var key in modifier.Remove)
            {
                yield return $"{what} remove {key}";
            }
        }
    }

    private sealed record Share(double Probability, int Status, string Why, bool BackendFailed);
}
