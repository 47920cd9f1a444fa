using System.Collections.Immutable;
using System.Net;
using Switchyard.Ir;
using Switchyard.Translation.GatewayApi;
using IrListener = Switchyard.Ir.Listener;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Places the Ingress rules on the Ingress HTTP and HTTPS listeners: one virtual host per host (<c>ingress/host</c>,
/// <c>ingress/*</c> for rules without one). On HTTP, rules of hosts with a certificate redirect to HTTPS (unless turned
/// off). A Gateway listener on the same address and port keeps it: with the same protocol the Ingress virtual hosts join
/// it (a hostname the Gateway already serves stays the Gateway's), with another protocol the Ingress is not served
/// there. Both cases are reported as warnings.
/// </summary>
internal static class IngressListeners
{
    public const string HttpOwner = "ingress/http";
    public const string HttpsOwner = "ingress/https";

    public static void Build(
        TranslationContext ctx,
        IReadOnlyList<IngressEntry> entries,
        IngressRoutes routes,
        IngressTls tls,
        IngressBackends backends,
        List<IrListener> listeners,
        List<BackendCluster> clusters)
    {
        var options = ctx.Options;
        var usedClusters = new HashSet<string>(StringComparer.Ordinal);
        var httpsServed = options.IngressHttps is not null && tls.Any
            && Place(ctx, entries, routes, tls, ListenerProtocol.Https, options.IngressHttps, listeners, usedClusters);
        if (httpsServed)
        {
            TlsLessHostWarnings(ctx, entries, routes, tls);
        }

        if (options.IngressHttp is not null)
        {
            Place(ctx, entries, routes, tls, ListenerProtocol.Http, options.IngressHttp, listeners, usedClusters, httpsServed);
        }

        var existing = clusters.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        clusters.AddRange(backends.Clusters(usedClusters).Where(c => existing.Add(c.Id)));
    }

    public static string Address(IPEndPoint endpoint) => GatewayTranslator.NormalizeBindAddress(endpoint.Address.ToString());

    private static bool Place(
        TranslationContext ctx,
        IReadOnlyList<IngressEntry> entries,
        IngressRoutes routes,
        IngressTls tls,
        ListenerProtocol protocol,
        IPEndPoint endpoint,
        List<IrListener> listeners,
        HashSet<string> usedClusters,
        bool httpsServed = false)
    {
        var hosts = routes.Hosts.Where(h => h.Value.Count > 0 || h.Key.Length > 0).ToList();
        if (hosts.Count == 0)
        {
            return false;
        }

        var address = Address(endpoint);
        var id = ListenerConflicts.SocketKey(address, endpoint.Port);
        var owner = protocol == ListenerProtocol.Https ? HttpsOwner : HttpOwner;
        if (ctx.TlsListeners.Exists(l => string.Equals(l.Id, id, StringComparison.Ordinal)))
        {
            foreach (var entry in entries)
            {
                ctx.Warn(entry.Key, string.Empty, $"not served on the Ingress {protocol.ToString().ToUpperInvariant()} listener {id}: a Gateway listener serves that address and port with protocol TLS");
            }

            return false;
        }

        var index = listeners.FindIndex(l => string.Equals(l.Id, id, StringComparison.Ordinal));
        var existing = index < 0 ? null : listeners[index];
        if (existing is not null && existing.Protocol != protocol)
        {
            foreach (var entry in entries)
            {
                ctx.Warn(entry.Key, string.Empty, $"not served on the Ingress {protocol.ToString().ToUpperInvariant()} listener {id}: a Gateway listener serves that address and port with protocol {existing.Protocol.ToString().ToUpperInvariant()}");
            }

            return false;
        }

        var virtualHosts = new List<VirtualHost>();
        foreach (var (host, drafts) in hosts)
        {
            var hostname = host.Length == 0 ? null : host;
            var taken = existing?.VirtualHosts.FirstOrDefault(v => string.Equals(v.Hostname, hostname, StringComparison.OrdinalIgnoreCase));
            if (taken is not null)
            {
                foreach (var entry in drafts.Select(d => d.Entry).Distinct())
                {
                    ctx.Warn(entry.Key, string.Empty, $"host {hostname ?? "(any)"} is not served on {id}: Gateway listener {taken.Id} serves it there");
                }

                continue;
            }

            var rules = ImmutableArray.CreateBuilder<RouteRule>(drafts.Count);
            foreach (var draft in drafts)
            {
                var action = protocol == ListenerProtocol.Http && RedirectsToHttps(ctx, draft, tls, httpsServed)
                    ? IngressActions.RedirectToHttps(draft.Action, ctx.Options.IngressHttpsPublicPort)
                    : draft.Action;
                rules.Add(draft.ToRule(action));
                MarkServed(draft.Entry, protocol);
                if (draft.CanaryFrom is { } canary)
                {
                    MarkServed(canary, protocol);
                }

                foreach (var backend in action.Backends)
                {
                    if (backend.DirectResponse is null)
                    {
                        usedClusters.Add(backend.ClusterId);
                    }
                }
            }

            virtualHosts.Add(new VirtualHost
            {
                Id = IngressHosts.VirtualHostId(host),
                Hostname = hostname,
                Wildcard = IngressHosts.IsWildcard(host) ? WildcardMatch.SingleLabel : WildcardMatch.OneOrMoreLabels,
                Rules = rules.ToImmutable(),
            });
        }

        virtualHosts.Sort((a, b) =>
        {
            var c = Hostnames.CompareSpecificity(a.Hostname, b.Hostname);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        var certificates = protocol == ListenerProtocol.Https ? tls.Certificates.ToImmutableArray() : [];
        if (existing is null)
        {
            listeners.Add(new IrListener
            {
                Id = id,
                Address = address,
                Port = endpoint.Port,
                Protocol = protocol,
                Certificates = certificates,
                StrictSni = protocol == ListenerProtocol.Https,
                VirtualHosts = [.. virtualHosts],
                Owners = [owner],
            });
        }
        else
        {
            listeners[index] = existing with
            {
                Certificates = existing.Certificates.AddRange(certificates),
                VirtualHosts = existing.VirtualHosts.AddRange(virtualHosts),
                Owners = [.. existing.Owners.Append(owner).Order(StringComparer.Ordinal)],
            };
        }

        return true;
    }

    // ingress-nginx: force-ssl-redirect always; otherwise ssl-redirect (on by default) for hosts with a certificate of
    // their own. ACME HTTP-01 challenge paths are never redirected.
    private static bool RedirectsToHttps(TranslationContext ctx, IngressRouteDraft draft, IngressTls tls, bool httpsServed)
    {
        if (draft.KeepOnHttp)
        {
            return false;
        }

        var settings = draft.Entry.Settings;
        return settings.ForceSslRedirect
            || (ctx.Options.IngressSslRedirect && settings.SslRedirect && httpsServed && tls.HasCertificate(draft.Host));
    }

    private static void TlsLessHostWarnings(TranslationContext ctx, IReadOnlyList<IngressEntry> entries, IngressRoutes routes, IngressTls tls)
    {
        if (tls.Default is not null)
        {
            return;
        }

        foreach (var entry in entries.Where(e => !e.IsCanary))
        {
            var tlsLess = entry.Hosts.Where(h => h.Length > 0 && routes.Hosts.ContainsKey(h) && !tls.HasCertificate(h)).ToList();
            if (tlsLess.Count > 0)
            {
                ctx.Warn(entry.Key, "spec.tls", $"no certificate for {string.Join(", ", tlsLess)}: HTTPS handshakes for them fail (list them in spec.tls, or set --default-certificate)", WarningCodes.IngressHostWithoutCertificate);
            }
        }
    }

    private static void MarkServed(IngressEntry entry, ListenerProtocol protocol)
    {
        if (protocol == ListenerProtocol.Https)
        {
            entry.ServedOnHttps = true;
        }
        else
        {
            entry.ServedOnHttp = true;
        }
    }
}
