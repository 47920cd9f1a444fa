using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

internal sealed partial class IngressRoutes
{
    private static readonly IngressPath Everything =
        new(new RouteMatch { Path = new PathMatch { Type = PathMatchType.Prefix, Value = "/" } }, "default", 1, "/");

    // spec.defaultBackend serves what no path matches: on a host, that of the oldest Ingress with rules for the host
    // (as ingress-nginx does); for every other request, the oldest Ingress without rules, else the oldest at all.
    private void DefaultBackends(IReadOnlyList<IngressEntry> main)
    {
        var withDefault = main.Where(e => e.Ingress.Spec?.DefaultBackend is not null).ToList();
        if (withDefault.Count == 0)
        {
            return;
        }

        var used = new HashSet<IngressEntry>();
        var drafts = new Dictionary<IngressEntry, RouteAction>();
        foreach (var host in Hosts.Keys.Where(h => h.Length > 0).ToList())
        {
            if (withDefault.FirstOrDefault(e => e.Hosts.Contains(host)) is { } owner)
            {
                AddDefault(owner, host, drafts);
                used.Add(owner);
            }
        }

        var catchAll = withDefault.FirstOrDefault(e => e.Ingress.Spec?.Rules is not { Count: > 0 }) ?? withDefault[0];
        AddDefault(catchAll, IngressHosts.AnyHost, drafts);
        used.Add(catchAll);

        foreach (var entry in withDefault.Where(e => !used.Contains(e)))
        {
            var hosts = entry.Hosts.Count == 0 ? string.Empty : "; on this Ingress's hosts, to that of an older Ingress with rules for them";
            _ctx.Warn(entry.Key, "spec.defaultBackend", $"not used: requests that match no rule go to the default backend of Ingress {catchAll.Route} (the oldest without rules, else the oldest){hosts}");
        }
    }

    private void AddDefault(IngressEntry entry, string host, Dictionary<IngressEntry, RouteAction> actions)
    {
        if (!actions.TryGetValue(entry, out var action))
        {
            var backend = _backends.Resolve(entry.Namespace, entry.Ingress.Spec!.DefaultBackend, entry.Settings.Backend, 1, out var problem);
            if (problem is not null)
            {
                _ctx.Warn(entry.Key, "spec.defaultBackend", problem);
            }

            actions[entry] = action = IngressActions.Serve(entry.Settings, Everything, [backend]);
        }

        Host(host).Add(new IngressRouteDraft
        {
            Id = $"ingress/{entry.Namespace}/{entry.Name}/defaultbackend",
            Entry = entry,
            Host = host,
            Path = Everything,
            Action = action,
            Tier = 1,
            RuleIndex = -1,
        });
    }
}
