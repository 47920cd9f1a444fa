using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Gateway.Tls;
using Switchyard.Ir;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The socket the request reaches: a listener of the snapshot on the URL's port (and address, when the URL names one
/// and the listener is bound to it), with a matching protocol; for HTTPS, the certificate SNI selects, picked with the
/// handshake code's own <see cref="SniTable{T}"/>. A TLS listener (routed by SNI) on the port is walked by
/// <see cref="TlsListenerStep"/>.
/// </summary>
internal static class ListenerStep
{
    /// <summary>Listeners that could own <paramref name="address"/> (bound to it or to every address).</summary>
    public static IEnumerable<Listener> OnAddress(Snapshot snapshot, string? address) =>
        (snapshot.Listeners.IsDefault ? [] : snapshot.Listeners).Where(l => address is null || Covers(l.Address, address));

    public static Listener? Run(TraceState state, string? address)
    {
        var request = state.Request;
        var candidates = OnAddress(state.Snapshot, address).ToList();
        var listener = candidates.Where(l => l.Port == request.Port)
            .OrderBy(l => IsUnspecified(l.Address) ? 1 : 0)
            .FirstOrDefault();
        if (listener is null)
        {
            if (TlsListenerStep.TryRun(state, address))
            {
                return null;
            }

            var where = address is null ? "port " + request.Port : address + ":" + request.Port;
            var hop = state.Fail("listener", $"connection refused: no Gateway or Ingress listener on {where}", "connection refused: nothing listens on " + where);
            foreach (var other in candidates)
            {
                hop.Detail("listening: " + Describe(other));
            }

            if (candidates.Count == 0)
            {
                hop.Detail("no listener at all: no Gateway is programmed and no Ingress is served");
            }

            return null;
        }

        foreach (var owner in listener.Owners)
        {
            TouchOwner(state, owner);
        }

        var wantsTls = request.Scheme == Uri.UriSchemeHttps;
        var isTls = listener.Protocol == ListenerProtocol.Https;
        if (wantsTls != isTls)
        {
            var fail = state.Fail("listener", wantsTls
                    ? $"TLS handshake fails: listener {Describe(listener)} is plain HTTP"
                    : $"listener {Describe(listener)} expects TLS: a plain HTTP request gets no HTTP answer",
                wantsTls ? "TLS handshake fails: the listener is plain HTTP" : $"the listener expects TLS (use {(request.Grpc ? "grpcs" : "https")}://)");
            fail.Data["listener"] = listener.Id;
            return null;
        }

        TraceHop hop2;
        if (isTls)
        {
            var sni = request.ServerName ?? request.Host;
            var certificate = SniTable<TlsCertificate>.Build(listener, c => c).Select(sni);
            if (certificate is null)
            {
                hop2 = state.Fail("listener", $"TLS handshake fails: listener {Describe(listener)} has no certificate for {sni}",
                    "TLS handshake fails: no certificate for " + sni);
                foreach (var c in listener.Certificates)
                {
                    hop2.Detail($"certificate {c.Id} for {c.Hostname ?? "any name"}");
                }

                hop2.Detail("add the host to a Gateway listener's hostname with a certificateRef, or to an Ingress spec.tls entry (Ingress: or set --default-certificate)");
                hop2.Data["listener"] = listener.Id;
                return null;
            }

            TouchSecret(state, certificate.Id);
            hop2 = state.Add("listener", HopResult.Ok, $"{Describe(listener)}; SNI {sni} → certificate {certificate.Id} ({certificate.Hostname ?? "any name"})");
            hop2.Data["certificate"] = certificate.Id;
            hop2.Data["sni"] = request.ServerName;
            ClientCertificate(state, hop2, certificate.ClientValidation);
        }
        else
        {
            hop2 = state.Add("listener", HopResult.Ok, Describe(listener));
        }

        if (request.Grpc)
        {
            hop2.Detail(isTls ? "gRPC over HTTP/2, negotiated by ALPN h2" : "gRPC over cleartext HTTP/2 with prior knowledge (h2c)");
        }

        hop2.Data["listener"] = listener.Id;
        hop2.Data["protocol"] = listener.Protocol.ToString().ToUpperInvariant();
        hop2.Data["owners"] = new JsonArray([.. listener.Owners.Select(o => (JsonNode?)o)]);
        return listener;
    }

    /// <summary>
    /// The client certificate the handshake asks for (Gateway spec.tls.frontend, GEP-91): the trust anchors it must
    /// chain to, and whether a client without one is refused (AllowValidOnly) or served (AllowInsecureFallback).
    /// </summary>
    private static void ClientCertificate(TraceState state, TraceHop hop, ClientCertificateValidation? validation)
    {
        if (validation is null)
        {
            return;
        }

        var sources = validation.Sources.IsDefault ? [] : validation.Sources;
        var cas = string.Join(", ", sources);
        hop.Detail(validation.Mode == ClientCertificateMode.AllowValidOnly
            ? $"client certificate required (frontendValidation AllowValidOnly): the handshake fails unless the client presents one issued by {cas} (curl --cert/--key)"
            : $"client certificate asked for (frontendValidation AllowInsecureFallback, CAs {cas}): a client without a valid one is served too");
        foreach (var source in sources)
        {
            var parts = source.Split('/');
            if (parts.Length == 3 && parts[0] == "configmap")
            {
                state.Touch("ConfigMap", parts[1], parts[2]);
            }
        }

        hop.Data["clientCertificate"] = new JsonObject
        {
            ["mode"] = validation.Mode.ToString(),
            ["caCertificateRefs"] = new JsonArray([.. sources.Select(s => (JsonNode?)s)]),
        };
    }

    /// <summary><c>0.0.0.0:8080 HTTP (Gateway demo/web listener http, Ingress)</c>.</summary>
    public static string Describe(Listener listener)
    {
        var owners = listener.Owners.Select(o => o.StartsWith("ingress/", StringComparison.Ordinal) ? "Ingress" : OwnerText(o)).Distinct(StringComparer.Ordinal);
        return $"{listener.Id} {listener.Protocol.ToString().ToUpperInvariant()} ({string.Join(", ", owners)})";
    }

    private static string OwnerText(string owner) => ListenerIds.Describe(owner);

    internal static void TouchOwner(TraceState state, string owner) => ListenerIds.Touch(state, owner);

    private static void TouchSecret(TraceState state, string certificateId)
    {
        var parts = certificateId.Split('/');
        if (parts.Length == 3 && parts[0] == "secret")
        {
            state.Touch("Secret", parts[1], parts[2]);
        }
    }

    internal static bool Covers(string listenerAddress, string address) =>
        IsUnspecified(listenerAddress)
        || (IPAddress.TryParse(listenerAddress, out var bound) && IPAddress.TryParse(address, out var wanted) && bound.Equals(wanted));

    internal static bool IsUnspecified(string address) =>
        IPAddress.TryParse(address, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}
