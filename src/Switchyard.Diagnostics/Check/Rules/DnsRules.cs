using System.Net;
using k8s.Models;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>SY2xx: cluster DNS. A ClusterIP written literally in a Pod or ConfigMap breaks when the Service is re-created.</summary>
internal sealed class DnsRules : ICheckRules
{
    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        var ips = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in context.Store.OfType<V1Service>())
        {
            foreach (var ip in service.Spec?.ClusterIPs ?? (service.Spec?.ClusterIP is { } one ? [one] : []))
            {
                if (IPAddress.TryParse(ip, out _))
                {
                    ips.TryAdd(ip, service);
                }
            }
        }

        if (ips.Count == 0)
        {
            return;
        }

        foreach (var pod in context.Store.OfType<V1Pod>())
        {
            var containers = pod.Spec?.Containers ?? [];
            for (var c = 0; c < containers.Count; c++)
            {
                var env = containers[c].Env ?? [];
                for (var e = 0; e < env.Count; e++)
                {
                    Scan(context, pod, $"spec.containers[{c}].env[{e}].value", env[e].Value, ips, findings);
                }

                var args = containers[c].Args ?? [];
                for (var a = 0; a < args.Count; a++)
                {
                    Scan(context, pod, $"spec.containers[{c}].args[{a}]", args[a], ips, findings);
                }

                var command = containers[c].Command ?? [];
                for (var a = 0; a < command.Count; a++)
                {
                    Scan(context, pod, $"spec.containers[{c}].command[{a}]", command[a], ips, findings);
                }
            }
        }

        foreach (var map in context.Store.OfType<V1ConfigMap>())
        {
            foreach (var (key, value) in (map.Data ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Scan(context, map, $"data.{key}", value, ips, findings);
            }
        }
    }

    private static void Scan(CheckContext context, k8s.IKubernetesObject<V1ObjectMeta> obj, string field, string? value, Dictionary<string, V1Service> ips, List<Finding> findings)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        foreach (var (ip, service) in ips.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (ContainsAddress(value, ip))
            {
                var name = $"{service.Metadata.Name}.{service.Metadata.NamespaceProperty}.svc";
                findings.Add(context.Create(RuleCatalog.ClusterIpLiteral, obj, field,
                    $"contains {ip}, the ClusterIP of Service {service.Metadata.NamespaceProperty}/{service.Metadata.Name}: it changes when the Service is re-created",
                    $"use the DNS name {name} instead of the address"));
            }
        }
    }

    private static bool ContainsAddress(string text, string ip)
    {
        var at = 0;
        while ((at = text.IndexOf(ip, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var afterIndex = at + ip.Length;
            var after = afterIndex >= text.Length ? ' ' : text[afterIndex];
            if (!char.IsAsciiDigit(before) && before != '.' && !char.IsAsciiDigit(after) && !(after == '.' && afterIndex + 1 < text.Length && char.IsAsciiDigit(text[afterIndex + 1])))
            {
                return true;
            }

            at = afterIndex;
        }

        return false;
    }
}
