using k8s.Models;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>NetworkPolicy semantics shared by <c>check</c> and <c>trace</c>.</summary>
internal sealed class PolicyEvaluator(CheckContext context, IReadOnlyList<V1NetworkPolicy> policies)
{
    private static readonly Dictionary<string, string> DnsPodLabels = new(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" };

    public IReadOnlyList<V1NetworkPolicy> Policies => policies;

    /// <summary>Policies of <paramref name="direction"/> (Ingress or Egress) that select the Pod.</summary>
    public List<V1NetworkPolicy> Selecting(V1Pod pod, string direction)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        var result = new List<V1NetworkPolicy>();
        foreach (var policy in policies)
        {
            if (string.Equals(policy.Metadata.NamespaceProperty ?? "default", ns, StringComparison.Ordinal)
                && Labels.Matches(policy.Spec?.PodSelector ?? new V1LabelSelector(), pod.Metadata.Labels)
                && Has(policy, direction))
            {
                result.Add(policy);
            }
        }

        return result;
    }

    private static bool Has(V1NetworkPolicy policy, string direction)
    {
        if (policy.Spec?.PolicyTypes is { Count: > 0 } types)
        {
            return types.Contains(direction, StringComparer.Ordinal);
        }

        return string.Equals(direction, "Ingress", StringComparison.Ordinal) || policy.Spec?.Egress is not null;
    }

    public bool AllowsDns(List<V1NetworkPolicy> egress, string protocol)
    {
        foreach (var policy in egress)
        {
            foreach (var rule in policy.Spec?.Egress ?? [])
            {
                if (PortAllowed(rule.Ports, protocol, 53) && (rule.To is not { Count: > 0 } || rule.To.Any(PeerCoversDns)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool PeerCoversDns(V1NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is not null)
        {
            return true;
        }

        if (peer.NamespaceSelector is null)
        {
            return false; // a podSelector alone picks Pods in the policy's own namespace, not kube-system
        }

        return Labels.Matches(peer.NamespaceSelector, NamespaceLabels("kube-system"))
            && (peer.PodSelector is null || Labels.Matches(peer.PodSelector, DnsPodLabels));
    }

    /// <summary>
    /// Whether the egress policies of <paramref name="client"/> let it connect to <paramref name="port"/>/<paramref name="protocol"/>
    /// of <paramref name="target"/>, or, when the target is not a Pod (null, e.g. the gateway), of an address that
    /// ipBlock peers are assumed to cover.
    /// </summary>
    public (bool Allowed, string Reason) EgressVerdict(V1Pod client, V1Pod? target, int port, string protocol)
    {
        var selecting = Selecting(client, "Egress");
        var clientName = client.Metadata.NamespaceProperty + "/" + client.Metadata.Name;
        if (selecting.Count == 0)
        {
            return (true, "no egress NetworkPolicy selects " + clientName);
        }

        foreach (var policy in selecting)
        {
            foreach (var rule in policy.Spec?.Egress ?? [])
            {
                if (!PortAllowed(rule.Ports, protocol, port, target))
                {
                    continue;
                }

                if (rule.To is not { Count: > 0 })
                {
                    return (true, "egress allowed by NetworkPolicy " + policy.Metadata.NamespaceProperty + "/" + policy.Metadata.Name + " (any destination)");
                }

                foreach (var peer in rule.To)
                {
                    if (target is null ? peer.IpBlock is not null : PeerMatchesPod(policy, peer, target))
                    {
                        var how = peer.IpBlock is not null ? " if ipBlock " + peer.IpBlock.Cidr + " covers the address" : string.Empty;
                        return (true, "egress allowed by NetworkPolicy " + policy.Metadata.NamespaceProperty + "/" + policy.Metadata.Name + how);
                    }
                }
            }
        }

        var what = target is null ? "this destination" : target.Metadata.NamespaceProperty + "/" + target.Metadata.Name;
        return (false, $"egress denied: NetworkPolicy {string.Join(", ", selecting.Select(p => p.Metadata.Name))} selects {clientName} and no rule allows {protocol} {port} to {what}");
    }

    /// <summary>Whether ingress policies on <paramref name="target"/> admit <paramref name="client"/> on one port.</summary>
    public (bool Allowed, string Reason) IngressVerdict(V1Pod target, V1Pod client, int port, string protocol)
    {
        var selecting = Selecting(target, "Ingress");
        var targetName = target.Metadata.NamespaceProperty + "/" + target.Metadata.Name;
        if (selecting.Count == 0)
        {
            return (true, "no ingress NetworkPolicy selects " + targetName);
        }

        foreach (var policy in selecting)
        {
            foreach (var rule in policy.Spec?.Ingress ?? [])
            {
                if (PortAllowed(rule.Ports, protocol, port, target)
                    && (rule.FromProperty is not { Count: > 0 } || rule.FromProperty.Any(peer => PeerMatchesPod(policy, peer, client))))
                {
                    return (true, "ingress allowed by NetworkPolicy " + policy.Metadata.NamespaceProperty + "/" + policy.Metadata.Name);
                }
            }
        }

        return (false, $"ingress denied: NetworkPolicy {string.Join(", ", selecting.Select(p => p.Metadata.Name))} selects {targetName} and no rule allows {protocol} {port} from {client.Metadata.NamespaceProperty}/{client.Metadata.Name}");
    }

    /// <summary>Port match; a named policy port is looked up in <paramref name="pod"/>'s container ports.</summary>
    private static bool PortAllowed(IList<V1NetworkPolicyPort>? ports, string protocol, int port, V1Pod? pod)
    {
        if (PortAllowed(ports, protocol, port))
        {
            return true;
        }

        foreach (var p in ports ?? [])
        {
            if (p.Port is { } named && !int.TryParse(named.Value, out _) && string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.Ordinal)
                && (pod?.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Any(c => string.Equals(c.Name, named.Value, StringComparison.Ordinal) && c.ContainerPort == port))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PortAllowed(IList<V1NetworkPolicyPort>? ports, string protocol, int port)
    {
        if (ports is not { Count: > 0 })
        {
            return true;
        }

        foreach (var p in ports)
        {
            if (!string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.Ordinal))
            {
                continue;
            }

            if (p.Port is null)
            {
                return true;
            }

            if (int.TryParse(p.Port.Value, out var number) && (number == port || (p.EndPort is int end && port >= number && port <= end)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether ingress policies on <paramref name="target"/> let <paramref name="client"/> connect (any port).</summary>
    public bool IngressAllows(V1Pod target, V1Pod client) => IngressVerdict(target, client).Allowed;

    /// <summary>The ingress verdict and the policy that decided it (null when the target is not isolated).</summary>
    public (bool Allowed, string Reason) IngressVerdict(V1Pod target, V1Pod client)
    {
        var selecting = Selecting(target, "Ingress");
        if (selecting.Count == 0)
        {
            return (true, "no ingress NetworkPolicy selects " + target.Metadata.Name);
        }

        foreach (var policy in selecting)
        {
            foreach (var rule in policy.Spec?.Ingress ?? [])
            {
                if (rule.FromProperty is not { Count: > 0 } || rule.FromProperty.Any(peer => PeerMatchesPod(policy, peer, client)))
                {
                    return (true, "allowed by NetworkPolicy " + policy.Metadata.NamespaceProperty + "/" + policy.Metadata.Name);
                }
            }
        }

        return (false, "denied: ingress NetworkPolicy " + string.Join(", ", selecting.Select(p => p.Metadata.Name)) + " selects " + target.Metadata.Name + " and no rule allows " + client.Metadata.NamespaceProperty + "/" + client.Metadata.Name);
    }

    private bool PeerMatchesPod(V1NetworkPolicy policy, V1NetworkPolicyPeer peer, V1Pod pod)
    {
        if (peer.IpBlock is not null)
        {
            return false;
        }

        var podNs = pod.Metadata.NamespaceProperty ?? "default";
        var nsOk = peer.NamespaceSelector is null
            ? string.Equals(podNs, policy.Metadata.NamespaceProperty ?? "default", StringComparison.Ordinal)
            : Labels.Matches(peer.NamespaceSelector, NamespaceLabels(podNs));
        return nsOk && (peer.PodSelector is null || Labels.Matches(peer.PodSelector, pod.Metadata.Labels));
    }

    private Dictionary<string, string> NamespaceLabels(string ns)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Store.Get<V1Namespace>(string.Empty, "Namespace", string.Empty, ns)?.Metadata.Labels is { } declared)
        {
            foreach (var (k, v) in declared)
            {
                labels[k] = v;
            }
        }

        labels["kubernetes.io/metadata.name"] = ns;
        return labels;
    }
}
