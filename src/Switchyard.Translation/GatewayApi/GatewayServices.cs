using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The Service each accepted Gateway is exposed by, as an in-cluster implementation would create it (GEP-1762): named
/// <c>&lt;gateway&gt;-&lt;class&gt;</c> in the Gateway's namespace, type LoadBalancer with one port per listener port,
/// the Gateway's addresses as its load-balancer ingress, labelled with the well-known gateway-name and
/// gateway-class-name labels, and carrying spec.infrastructure.labels and .annotations
/// (GatewayInfrastructurePropagation). Standalone, the "Deployment" behind it is this process itself.
/// </summary>
internal static class GatewayServices
{
    /// <summary>Well-known labels of generated resources (apis/v1/well_known_labels.go).</summary>
    public const string GatewayNameLabel = GatewayApiGroup.Name + "/gateway-name";

    public const string GatewayClassNameLabel = GatewayApiGroup.Name + "/gateway-class-name";

    // RFC 1035 label: what a Service name must be.
    private const int MaxNameLength = 63;

    public static void Build(TranslationContext ctx, List<GatewayEntry> gateways)
    {
        foreach (var gateway in gateways)
        {
            if (!gateway.Accepted)
            {
                // Nothing is deployed for a Gateway the controller does not accept.
                continue;
            }

            var className = gateway.Gateway.Spec.GatewayClassName ?? string.Empty;
            var name = Name(gateway.Name, className);
            var key = new ResourceKey(string.Empty, "Service", gateway.Namespace, name);
            if (ctx.Store.Objects.ContainsKey(key) || ctx.Generated.ContainsKey(key))
            {
                // Another object has the name: an in-cluster controller would fail to create its Service the same way.
                ctx.Warn(gateway.Key, "metadata.name", $"the Gateway's Service {gateway.Namespace}/{name} is not generated: a Service of that name already exists");
                continue;
            }

            ctx.Generated[key] = new GeneratedObject(key, gateway.Key, Service(gateway, name, className));
        }
    }

    /// <summary>Keeps a generated Service's load-balancer ingress equal to its Gateway's status.addresses.</summary>
    public static GeneratedObject WithAddresses(GeneratedObject generated, IEnumerable<string> addresses)
    {
        if (generated.Object is not V1Service service)
        {
            return generated;
        }

        var copy = new V1Service
        {
            ApiVersion = service.ApiVersion,
            Kind = service.Kind,
            Metadata = service.Metadata,
            Spec = service.Spec,
            Status = LoadBalancerStatus(addresses),
        };
        return generated with { Object = copy };
    }

    /// <summary>
    /// <c>&lt;gateway&gt;-&lt;class&gt;</c> when that is a valid Service name; otherwise a valid name derived from it with
    /// a hash of the full text, so that two Gateways never share one.
    /// </summary>
    public static string Name(string gateway, string className)
    {
        var wanted = gateway + "-" + className;
        if (IsDns1035Label(wanted))
        {
            return wanted;
        }

        var sb = new StringBuilder(wanted.Length);
        foreach (var c in wanted.ToLowerInvariant())
        {
            sb.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..8];
        var stem = sb.ToString().Trim('-');
        if (stem.Length == 0 || stem[0] is >= '0' and <= '9')
        {
            stem = "gw-" + stem;
        }

        stem = stem[..Math.Min(stem.Length, MaxNameLength - hash.Length - 1)].TrimEnd('-');
        return stem + "-" + hash;
    }

    private static bool IsDns1035Label(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && name[0] is >= 'a' and <= 'z'
        && name[^1] is (>= 'a' and <= 'z') or (>= '0' and <= '9')
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static V1Service Service(GatewayEntry gateway, string name, string className)
    {
        // The well-known labels win over infrastructure labels of the same key: they are how resources attach to the Gateway.
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in gateway.Gateway.Spec.Infrastructure?.Labels ?? [])
        {
            labels[k] = v;
        }

        labels[GatewayNameLabel] = gateway.Name;
        labels[GatewayClassNameLabel] = className;
        var annotations = gateway.Gateway.Spec.Infrastructure?.Annotations is { Count: > 0 } given
            ? new Dictionary<string, string>(given.OrderBy(a => a.Key, StringComparer.Ordinal), StringComparer.Ordinal)
            : null;

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = gateway.Namespace,
                Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
                Annotations = annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = GatewayApiGroup.Name + "/v1",
                        Kind = Gateway.KindName,
                        Name = gateway.Name,
                        Uid = gateway.Gateway.Metadata.Uid,
                        Controller = true,
                    },
                ],
            },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Ports = Ports(gateway),
            },
            Status = LoadBalancerStatus(gateway.Addresses),
        };
    }

    /// <summary>One port per distinct port of the accepted listeners (the Gateway's and its ListenerSets'), named after the first listener on it.</summary>
    private static List<V1ServicePort>? Ports(GatewayEntry gateway)
    {
        var ports = new SortedDictionary<int, V1ServicePort>();
        foreach (var listener in gateway.AllListeners)
        {
            if (!listener.Accepted || ports.ContainsKey(listener.Port))
            {
                continue;
            }

            var port = listener.Port.ToString(CultureInfo.InvariantCulture);
            ports[listener.Port] = new V1ServicePort
            {
                Name = PortName(listener),
                Port = listener.Port,
                Protocol = "TCP",
                TargetPort = port,
            };
        }

        return ports.Count == 0 ? null : [.. ports.Values];
    }

    // Service port names are RFC 1123 labels of up to 15 characters; listener names may be longer.
    private static string PortName(ListenerEntry listener)
    {
        var protocol = (listener.Spec.Protocol ?? "tcp").ToLowerInvariant();
        return $"{protocol}-{listener.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static V1ServiceStatus? LoadBalancerStatus(IEnumerable<string> addresses)
    {
        var ingress = addresses.Select(a => new V1LoadBalancerIngress { Ip = a }).ToList();
        return ingress.Count == 0 ? null : new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus { Ingress = ingress } };
    }
}
