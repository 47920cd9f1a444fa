using k8s.Models;
using Switchyard.Resources.Model;

namespace Switchyard.Resources.Validation;

public static partial class CoreValidation
{
    private static readonly string[] NetworkPolicyProtocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public static void NetworkPolicy(V1NetworkPolicy policy, ValidationContext ctx)
    {
        ObjectMetaValidation.Validate(policy.Metadata, namespaced: true, NameValidation.NameIsDnsSubdomain, ctx);

        var spec = policy.Spec ?? new V1NetworkPolicySpec();
        LabelSelectorValidation.ValidateLabelSelector(spec.PodSelector, "spec.podSelector", ctx);

        var ingress = spec.Ingress ?? [];
        for (var i = 0; i < ingress.Count; i++)
        {
            var path = Index("spec.ingress", i);
            ValidateNetworkPolicyPorts(ingress[i]?.Ports, path + ".ports", ctx);
            var from = ingress[i]?.FromProperty ?? [];
            for (var p = 0; p < from.Count; p++)
            {
                ValidateNetworkPolicyPeer(from[p] ?? new V1NetworkPolicyPeer(), Index(path + ".from", p), ctx);
            }
        }

        var egress = spec.Egress ?? [];
        for (var i = 0; i < egress.Count; i++)
        {
            var path = Index("spec.egress", i);
            ValidateNetworkPolicyPorts(egress[i]?.Ports, path + ".ports", ctx);
            var to = egress[i]?.To ?? [];
            for (var p = 0; p < to.Count; p++)
            {
                ValidateNetworkPolicyPeer(to[p] ?? new V1NetworkPolicyPeer(), Index(path + ".to", p), ctx);
            }
        }

        var policyTypes = spec.PolicyTypes ?? [];
        if (policyTypes.Count > PolicyTypes.Length)
        {
            ctx.InvalidRendered("spec.policyTypes", GoFormat.JsonStringArray(policyTypes), "may not specify more than two policyTypes");
            return;
        }

        for (var i = 0; i < policyTypes.Count; i++)
        {
            if (!PolicyTypes.Contains(policyTypes[i] ?? string.Empty, StringComparer.Ordinal))
            {
                ctx.NotSupported(Index("spec.policyTypes", i), policyTypes[i], PolicyTypes);
            }
        }
    }

    private static void ValidateNetworkPolicyPorts(IList<V1NetworkPolicyPort>? ports, string path, ValidationContext ctx)
    {
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            var port = ports![i] ?? new V1NetworkPolicyPort();
            var portPath = Index(path, i);
            if (port.Protocol is not null && !NetworkPolicyProtocols.Contains(port.Protocol, StringComparer.Ordinal))
            {
                ctx.NotSupported(portPath + ".protocol", port.Protocol, NetworkPolicyProtocols);
            }

            if (port.Port is null)
            {
                if (port.EndPort is { } orphanEndPort)
                {
                    ctx.Invalid(portPath + ".endPort", orphanEndPort, "may not be specified when `port` is not specified");
                }

                continue;
            }

            if (IntOrStringValue.TryGetNumber(port.Port, out var number) || IntOrStringValue.IsEmpty(port.Port))
            {
                foreach (var msg in NameValidation.IsValidPortNumber(number))
                {
                    ctx.Invalid(portPath + ".port", number, msg);
                }

                if (port.EndPort is { } endPort)
                {
                    if (endPort < number)
                    {
                        ctx.Invalid(portPath + ".endPort", endPort, "must be greater than or equal to `port`");
                    }

                    foreach (var msg in NameValidation.IsValidPortNumber(endPort))
                    {
                        ctx.Invalid(portPath + ".endPort", endPort, msg);
                    }
                }
            }
            else
            {
                if (port.EndPort is { } endPort)
                {
                    ctx.Invalid(portPath + ".endPort", endPort, "may not be specified when `port` is non-numeric");
                }

                foreach (var msg in NameValidation.IsIanaSvcName(port.Port.Value))
                {
                    ctx.Invalid(portPath + ".port", port.Port.Value, msg);
                }
            }
        }
    }

    private static void ValidateNetworkPolicyPeer(V1NetworkPolicyPeer peer, string path, ValidationContext ctx)
    {
        var peers = 0;
        if (peer.PodSelector is not null)
        {
            peers++;
            LabelSelectorValidation.ValidateLabelSelector(peer.PodSelector, path + ".podSelector", ctx);
        }

        if (peer.NamespaceSelector is not null)
        {
            peers++;
            LabelSelectorValidation.ValidateLabelSelector(peer.NamespaceSelector, path + ".namespaceSelector", ctx);
        }

        if (peer.IpBlock is not null)
        {
            peers++;
            ValidateIPBlock(peer.IpBlock, path + ".ipBlock", ctx);
        }

        if (peers == 0)
        {
            ctx.Required(path, "must specify a peer");
        }
        else if (peers > 1 && peer.IpBlock is not null)
        {
            ctx.Forbidden(path, "may not specify both ipBlock and another peer");
        }
    }

    private static void ValidateIPBlock(V1IPBlock block, string path, ValidationContext ctx)
    {
        if (string.IsNullOrEmpty(block.Cidr))
        {
            ctx.Required(path + ".cidr");
            return;
        }

        IpValidation.ValidateCidrForLegacyField(ctx, path + ".cidr", block.Cidr);
        if (!IpValidation.TryParseCidrSloppy(block.Cidr, out var cidr, out var cidrPrefix))
        {
            return;
        }

        var except = block.Except ?? [];
        for (var i = 0; i < except.Count; i++)
        {
            var exceptPath = Index(path + ".except", i);
            IpValidation.ValidateCidrForLegacyField(ctx, exceptPath, except[i]);
            if (!IpValidation.TryParseCidrSloppy(except[i], out var exceptCidr, out var exceptPrefix))
            {
                continue;
            }

            // A strict subset: inside the block and with a longer prefix.
            if (!IpValidation.Contains(cidr, cidrPrefix, exceptCidr) || cidrPrefix >= exceptPrefix)
            {
                ctx.Invalid(exceptPath, except[i], "must be a strict subset of `cidr`");
            }
        }
    }
}
