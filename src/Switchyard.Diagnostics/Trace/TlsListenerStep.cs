using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Tls;
using Switchyard.Ir;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// A TLS listener (Gateway API protocol TLS) on the request's port. The gateway reads only the ClientHello there, so
/// the walk follows the SNI name (the URL's host) to the listener, TLSRoute and backends with the data plane's own
/// lookup rules (most specific listener hostname, then most specific route hostname), and ends at the endpoints: what
/// travels over the connection is between the client and the backend.
/// </summary>
internal static class TlsListenerStep
{
    /// <summary>Walks the request through a TLS listener on its port; false when there is none (the caller reports that).</summary>
    public static bool TryRun(TraceState state, string? address)
    {
        var request = state.Request;
        var listener = (state.Snapshot.TlsListeners.IsDefault ? [] : state.Snapshot.TlsListeners)
            .Where(l => l.Port == request.Port && (address is null || ListenerStep.Covers(l.Address, address)))
            .OrderBy(l => ListenerStep.IsUnspecified(l.Address) ? 1 : 0)
            .FirstOrDefault();
        if (listener is null)
        {
            return false;
        }

        foreach (var owner in listener.Owners)
        {
            ListenerStep.TouchOwner(state, owner);
        }

        var described = Describe(listener);
        if (request.Scheme != Uri.UriSchemeHttps)
        {
            state.Fail("listener", $"connection closed: listener {described} routes TLS connections by SNI and a plain HTTP request carries none",
                $"connection closed: the listener expects TLS (use {(request.Grpc ? "grpcs" : "https")}://)").Data["listener"] = listener.Id;
            return true;
        }

        var sni = request.Host;
        var host = HostLookup<SniHost>.Build(listener.Hosts.Select(h => KeyValuePair.Create(h.Hostname, h))).Find(sni);
        if (host is null)
        {
            var fail = state.Fail("listener", $"connection closed: no Gateway listener on {described} takes SNI {sni}", "connection closed: no TLS listener for " + sni);
            foreach (var candidate in listener.Hosts)
            {
                fail.Detail($"listener {candidate.Id} takes {candidate.Hostname ?? "any name"}");
            }

            fail.Data["listener"] = listener.Id;
            return true;
        }

        var hop = state.Add("listener", HopResult.Ok, $"{described}; SNI {sni} → listener {host.Id} ({host.Hostname ?? "any name"}), {host.Mode}");
        hop.Data["listener"] = listener.Id;
        hop.Data["protocol"] = "TLS";
        hop.Data["mode"] = host.Mode.ToString();
        hop.Data["owners"] = new JsonArray([.. listener.Owners.Select(o => (JsonNode?)o)]);
        if (host.Mode == TlsMode.Terminate && SniTable<TlsCertificate>.Build(host.Certificates, strictSni: false, c => c).Select(sni) is { } certificate)
        {
            hop.Detail($"TLS terminated with certificate {certificate.Id} ({certificate.Hostname ?? "any name"}); the backend gets the plain bytes");
            hop.Data["certificate"] = certificate.Id;
            var parts = certificate.Id.Split('/');
            if (parts is ["secret", var ns, var name])
            {
                state.Touch("Secret", ns, name);
            }
        }
        else if (host.Mode == TlsMode.Passthrough)
        {
            hop.Detail("TLS passed through: the backend terminates it with its own certificate");
        }

        var route = HostLookup<SniRoute>.Build(host.Routes.Select(r => KeyValuePair.Create(r.Hostname, r))).Find(sni);
        if (route is null)
        {
            var fail = state.Fail("route", $"connection closed: listener {host.Id} has no TLSRoute for {sni}", "connection closed: no TLSRoute for " + sni);
            foreach (var candidate in host.Routes)
            {
                fail.Detail($"TLSRoute {candidate.Route} serves {candidate.Hostname ?? "any name"}");
            }

            return true;
        }

        if (route.Route.Split('/') is [var routeNs, var routeName])
        {
            state.Touch("TLSRoute", routeNs, routeName);
        }

        state.Add("route", HopResult.Ok, $"TLSRoute {route.Route} ({route.Hostname ?? "any name"})").Data["route"] = route.Id;
        Backends(state, route);
        return true;
    }

    private static void Backends(TraceState state, SniRoute route)
    {
        var backends = route.Backends;
        var total = backends.Where(b => b.Weight > 0).Sum(b => (long)b.Weight);
        if (total == 0)
        {
            state.Fail("backend", "connection closed: the TLSRoute has no backend with a weight above 0", "connection closed: no usable backend");
            return;
        }

        var hop = state.Add("backend", HopResult.Ok, string.Join(", ", backends.Where(b => b.Weight > 0).Select(b => $"{Name(b.ClusterId)} {RuleNames.Percent(b.Weight / (double)total)}")));
        var choices = new JsonArray();
        var closed = new List<(double Share, string Why, bool Unresolved)>();
        foreach (var backend in backends)
        {
            var share = backend.Weight > 0 ? backend.Weight / (double)total : 0;
            choices.Add(new JsonObject { ["cluster"] = backend.ClusterId, ["weight"] = backend.Weight, ["probability"] = Math.Round(share, 4) });
            if (backend.Weight <= 0)
            {
                hop.Detail($"{backend.ClusterId}: weight 0, never chosen");
                continue;
            }

            hop.Detail($"{backend.ClusterId}: weight {backend.Weight.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} ({RuleNames.Percent(share)})");
            var cluster = backend.Rejected ? null : state.Snapshot.Clusters.FirstOrDefault(c => string.Equals(c.Id, backend.ClusterId, StringComparison.Ordinal));
            if (cluster is null || !BackendStep.TryParse(backend.ClusterId, out var ns, out var name, out var port))
            {
                closed.Add((share, $"{backend.ClusterId} does not resolve", true));
                continue;
            }

            var receivers = cluster.Endpoints.Select(e => new EndpointReceiver(e.Address, e.Port, e.TargetRef)).ToList();
            if (ServiceStep.Run(state, ns, name, port, receivers, ["bytes relayed as they are (TCP)"]) is null)
            {
                closed.Add((share, $"Service {ns}/{name} has no ready endpoint", false));
            }
        }

        hop.Data["backends"] = choices;
        if (closed.Count == 0)
        {
            state.Served = true;
            state.Verdict = "connected to " + string.Join(", ", backends.Where(b => b.Weight > 0).Select(b => Name(b.ClusterId))) + " (TLSRoute " + route.Route + ")";
            return;
        }

        // As for HTTP backends: the backend hop fails for references that do not resolve; endpoints fail on their own hop.
        if (closed.Exists(c => c.Unresolved))
        {
            hop.Result = HopResult.Failed;
        }

        state.Stopped = true;
        var failed = closed.Sum(c => c.Share);
        state.Verdict = failed >= 0.99995
            ? "connection closed: " + string.Join("; ", closed.Select(c => c.Why))
            : "partly served: " + string.Join("; ", closed.Select(c => $"{RuleNames.Percent(c.Share)} of connections closed ({c.Why})"));
    }

    private static string Describe(TlsListener listener)
    {
        var owners = listener.Owners.Select(ListenerIds.Describe).Distinct(StringComparer.Ordinal);
        return $"{listener.Id} TLS ({string.Join(", ", owners)})";
    }

    private static string Name(string clusterId) =>
        BackendStep.TryParse(clusterId, out var ns, out var name, out var port) ? $"Service {ns}/{name}:{port.ToString(CultureInfo.InvariantCulture)}" : clusterId;
}
