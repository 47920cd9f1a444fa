using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using Switchyard.Dns;
using Switchyard.Ir.Dns;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// Hop 1: resolves the URL's host as a client would. From a Pod (<c>--from-pod</c>): through its resolv.conf search
/// path with ndots:5, after checking that its egress NetworkPolicies let it reach the cluster DNS; from outside the
/// cluster: the name as written. Every answer comes from the DNS server's own view and responder.
/// </summary>
internal static class DnsStep
{
    public static Resolution? Run(TraceState state)
    {
        var host = state.Request.Host;
        if (IPAddress.TryParse(host, out var literal))
        {
            var hop = state.Add("dns", HopResult.Ok, host + " is an IP address: no lookup");
            hop.Data["addresses"] = new JsonArray(literal.ToString());
            return new Resolution { Addresses = [literal.ToString()] };
        }

        if (state.Client is { } client && state.Policies is { } policies)
        {
            var egress = policies.Selecting(client, "Egress");
            if (egress.Count > 0 && !policies.AllowsDns(egress, "UDP"))
            {
                var names = string.Join(", ", egress.Select(p => p.Metadata.Name));
                egress.ForEach(p => state.Touch("NetworkPolicy", p.Metadata.NamespaceProperty, p.Metadata.Name));
                state.Fail("dns", $"lookups of {host} time out: egress NetworkPolicy {names} allows no UDP 53 to the cluster DNS",
                        "could not resolve host: DNS queries are dropped by NetworkPolicy")
                    .Detail("allow UDP and TCP 53 to namespace kube-system, Pods k8s-app=kube-dns (check rule SY601)");
                return null;
            }
        }

        var lookup = new DnsLookup(DnsView.Compile(state.Snapshot));
        var ns = state.Client?.Metadata.NamespaceProperty;
        var domains = ns is null ? [] : SearchPath.Domains(ns, state.ClusterDomain);
        var attempts = new JsonArray();
        var lines = new List<string>();
        Resolution? found = null;
        foreach (var name in SearchPath.Candidates(host, domains))
        {
            var a = lookup.Query(name, DnsRecordType.A);
            var aaaa = a.Outcome == "upstream" ? a : lookup.Query(name, DnsRecordType.AAAA);
            var records = a.Records.Concat(aaaa.Records.Where(r => !r.StartsWith("CNAME ", StringComparison.Ordinal))).ToList();
            var outcome = a.Addresses.Count + aaaa.Addresses.Count > 0 || a.ExternalTarget is not null ? "NOERROR" : a.Exists || aaaa.Exists ? "NODATA" : a.Outcome;
            attempts.Add(new JsonObject
            {
                ["name"] = name,
                ["outcome"] = outcome,
                ["records"] = new JsonArray([.. records.Select(r => (JsonNode?)r)]),
            });
            lines.Add(name + " → " + (records.Count > 0 ? string.Join(", ", records) : outcome == "upstream" ? "outside the cluster zone: forwarded to the upstream resolver" : outcome));
            if (outcome == "upstream")
            {
                found = new Resolution { Name = name, Upstream = true };
                break;
            }

            if (a.ExternalTarget is { } target)
            {
                found = new Resolution { Name = target, Upstream = true, AliasOf = name };
                break;
            }

            if (outcome == "NOERROR")
            {
                found = new Resolution { Name = name, Addresses = [.. a.Addresses, .. aaaa.Addresses] };
                break;
            }
        }

        var searchNote = ns is null
            ? "no --from-pod: the name is looked up as written (no search path)"
            : $"as Pod {ns}/{state.Client!.Metadata.Name}: search {string.Join(" ", domains)}, ndots:{SearchPath.Ndots}";
        TraceHop hop2;
        if (found is null)
        {
            hop2 = state.Fail("dns", $"could not resolve host {host}: no name tried exists", "could not resolve host " + host);
            foreach (var hint in Hints(state, host))
            {
                lines.Add(hint);
            }
        }
        else if (found.Upstream && !found.Name!.TrimEnd('.').Contains('.', StringComparison.Ordinal))
        {
            // A single-label name outside the cluster zone: no public resolver answers it.
            hop2 = state.Fail("dns", $"could not resolve host {host}: no cluster name matches and the upstream resolver does not resolve the single label {found.Name}", "could not resolve host " + host);
            foreach (var hint in Hints(state, host))
            {
                lines.Add(hint);
            }

            found = null;
        }
        else if (found.AliasOf is { } alias)
        {
            hop2 = state.Add("dns", HopResult.Info, $"{alias} is an alias (ExternalName Service) of {found.Name}, which the upstream resolver answers");
        }
        else if (found.Upstream)
        {
            hop2 = state.Add("dns", HopResult.Info, $"{found.Name} is outside the cluster zone {state.ClusterDomain}: the upstream resolver answers it; assuming it leads to Switchyard's listeners");
        }
        else
        {
            hop2 = state.Add("dns", HopResult.Ok, $"{host} → {found.Name} {string.Join(", ", found.Addresses)}");
        }

        hop2.Detail(searchNote);
        lines.ForEach(l => hop2.Detail(l));
        hop2.Data["search"] = new JsonArray([.. domains.Select(d => (JsonNode?)d)]);
        hop2.Data["attempts"] = attempts;
        hop2.Data["name"] = found?.Name;
        hop2.Data["resolved"] = found is not null;
        hop2.Data["upstream"] = found?.Upstream ?? false;
        hop2.Data["addresses"] = new JsonArray([.. (found?.Addresses ?? []).Select(a => (JsonNode?)a)]);
        return found;
    }

    /// <summary>Services whose name is the host's first label, in any namespace: the likely intended target.</summary>
    private static IEnumerable<string> Hints(TraceState state, string host)
    {
        var first = host.Split('.')[0];
        foreach (var service in state.Context.Store.OfType<V1Service>())
        {
            if (string.Equals(service.Metadata.Name, first, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"hint: Service {service.Metadata.NamespaceProperty}/{service.Metadata.Name} exists: its name is {service.Metadata.Name}.{service.Metadata.NamespaceProperty}.svc.{state.ClusterDomain}";
            }
        }
    }
}
