using System.Globalization;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// Ingress backends as weighted IR backends. A Service port is found by number or by name; the cluster is the
/// Service port's (shared with the Gateway API step), or a variant of it when the Ingress asks for another protocol or
/// other timeouts. A backend that cannot be served (missing Service or port, resource backend) answers 503 for its
/// path only.
/// </summary>
internal sealed class IngressBackends
{
    private static readonly DirectResponse Unavailable = new() { StatusCode = 503 };

    private readonly ServiceBackends _services;
    private readonly Dictionary<string, BackendCluster> _variants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public IngressBackends(ServiceBackends services)
    {
        _services = services;
    }

    /// <summary>The backend for <paramref name="backend"/>; <paramref name="problem"/> says why it answers 503.</summary>
    public WeightedBackend Resolve(string ns, V1IngressBackend? backend, BackendSettings settings, int weight, out string? problem)
    {
        if (backend?.Resource is { } resource)
        {
            problem = $"resource backends ({resource.Kind} {resource.Name}) are not supported; the path answers 503";
            return Direct(string.Create(CultureInfo.InvariantCulture, $"resource/{ns}/{resource.Kind}/{resource.Name}"), weight);
        }

        var service = backend?.Service;
        var name = service?.Name ?? string.Empty;
        var portName = service?.Port?.Name;
        var portNumber = service?.Port?.Number ?? 0;
        if (name.Length == 0)
        {
            problem = "the backend names no Service; the path answers 503";
            return Direct(ServiceBackends.ClusterId(ns, "-", portNumber), weight);
        }

        if (!string.IsNullOrEmpty(portName))
        {
            var found = _services.Service(ns, name)?.Spec?.Ports?.FirstOrDefault(p => p is not null && string.Equals(p.Name, portName, StringComparison.Ordinal));
            if (found is null)
            {
                problem = _services.Service(ns, name) is null
                    ? $"Service {ns}/{name} not found; the path answers 503"
                    : $"Service {ns}/{name} has no port named {portName}; the path answers 503";
                return Direct($"service/{ns}/{name}/port/{portName}", weight);
            }

            portNumber = found.Port;
        }

        var lookup = _services.Find(ns, name, portNumber, tlsAllowed: true);
        if (!lookup.Found)
        {
            problem = lookup.Message + "; the path answers 503";
            return Direct(lookup.ClusterId, weight);
        }

        problem = null;
        var id = Variant(_services.Cluster(lookup.ClusterId), settings);
        _used.Add(id);
        return new WeightedBackend { ClusterId = id, Weight = weight };
    }

    /// <summary>Every cluster a resolved backend used, in id order.</summary>
    public IEnumerable<BackendCluster> Clusters(IReadOnlySet<string> ids) =>
        _used.Where(ids.Contains).Order(StringComparer.Ordinal).Select(id => _variants.TryGetValue(id, out var variant) ? variant : _services.Cluster(id));

    // The Service port's cluster, or one like it with the Ingress's protocol and timeouts. HTTPS to backends is not
    // verified, as ingress-nginx does not (proxy-ssl-verify off).
    private string Variant(BackendCluster cluster, BackendSettings settings)
    {
        var protocol = settings.Protocol ?? cluster.Protocol;
        var tls = protocol == BackendProtocol.Https
            ? new BackendTls { Hostname = ServiceHost(cluster.Service), Verify = false }
            : null;
        if (protocol == cluster.Protocol && tls == cluster.Tls && settings.ConnectTimeout is null && settings.ReadTimeout is null)
        {
            return cluster.Id;
        }

        var suffix = new List<string>();
        if (protocol != cluster.Protocol || tls is not null)
        {
            suffix.Add(protocol.ToString().ToLowerInvariant());
        }

        if (settings.ConnectTimeout is { } connect)
        {
            suffix.Add(string.Create(CultureInfo.InvariantCulture, $"connect-{connect.TotalSeconds}s"));
        }

        if (settings.ReadTimeout is { } read)
        {
            suffix.Add(string.Create(CultureInfo.InvariantCulture, $"read-{read.TotalSeconds}s"));
        }

        var id = cluster.Id + "/" + string.Join("/", suffix);
        _variants.TryAdd(id, cluster with
        {
            Id = id,
            Protocol = protocol,
            Tls = tls,
            ConnectTimeout = settings.ConnectTimeout,
            ReadTimeout = settings.ReadTimeout,
        });
        return id;
    }

    private static string ServiceHost(string service)
    {
        var slash = service.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? service : service[(slash + 1)..] + "." + service[..slash] + ".svc";
    }

    private static WeightedBackend Direct(string id, int weight) => new() { ClusterId = id, Weight = weight, DirectResponse = Unavailable };
}
