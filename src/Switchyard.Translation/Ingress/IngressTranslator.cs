using k8s.Models;
using Switchyard.Ir;
using Switchyard.Resources.Store;
using Switchyard.Translation.Backends;
using Switchyard.Translation.Ingress.Annotations;
using IrListener = Switchyard.Ir.Listener;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// The Ingress translation step (after the Gateway API step): our Ingresses become virtual hosts on the Ingress
/// HTTP and HTTPS listeners, with the status of each. Ingresses of other controllers are ignored with a warning and
/// get no status from us. See docs/ingress.md for the semantics and the annotations.
/// </summary>
internal static class IngressTranslator
{
    public static void Translate(TranslationContext ctx, List<IrListener> listeners, List<BackendCluster> clusters)
    {
        var classes = IngressClassSelection.From(ctx);
        var entries = new List<IngressEntry>();
        foreach (var ingress in ctx.Store.OfType<V1Ingress>())
        {
            var key = new ResourceKey("networking.k8s.io", "Ingress", ingress.Metadata.NamespaceProperty ?? string.Empty, ingress.Metadata.Name);
            if (!classes.Owns(ingress, out var reason))
            {
                ctx.Warn(key, IngressClassSelection.ClassField(ingress), reason);
                continue;
            }

            var entry = new IngressEntry
            {
                Ingress = ingress,
                Key = key,
                Settings = AnnotationReader.Read(ctx, key, ingress.Metadata.Annotations),
            };
            foreach (var rule in ingress.Spec?.Rules ?? [])
            {
                if (rule is not null)
                {
                    entry.Hosts.Add(IngressHosts.Normalize(rule.Host));
                }
            }

            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            return;
        }

        entries.Sort(IngressEntry.CompareAge);
        var backends = new IngressBackends(new ServiceBackends(ctx.Store));
        var tls = IngressTls.Resolve(ctx, entries);
        var routes = IngressRoutes.Build(ctx, entries, backends);
        IngressListeners.Build(ctx, entries, routes, tls, backends, listeners, clusters);
        IngressStatuses.Set(ctx, entries);
    }
}
