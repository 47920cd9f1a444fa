using System.Globalization;
using k8s.Models;
using Switchyard.Ir;

namespace Switchyard.Translation.Ingress;

/// <summary>
/// The rules of all our Ingresses, grouped by host (merged across Ingresses) and ordered by
/// <see cref="IngressPrecedence"/>. Two paths with the same host, type and value conflict: the older Ingress keeps it
/// and the newer one is told. Canary Ingresses add backends to the main Ingress's paths. Each host ends with its
/// default backend, and rules without a host with the catch-all default backend.
/// </summary>
internal sealed partial class IngressRoutes
{
    private const string AcmeChallengePrefix = "/.well-known/acme-challenge/";

    private readonly TranslationContext _ctx;
    private readonly IngressBackends _backends;
    private readonly Dictionary<(string Host, string Key), IngressRouteDraft> _byKey = [];

    private IngressRoutes(TranslationContext ctx, IngressBackends backends)
    {
        _ctx = ctx;
        _backends = backends;
    }

    /// <summary>Rules per host ("" for rules without a host), each list in precedence order.</summary>
    public SortedDictionary<string, List<IngressRouteDraft>> Hosts { get; } = new(StringComparer.Ordinal);

    /// <param name="ctx">The translation.</param>
    /// <param name="entries">Our Ingresses, oldest first.</param>
    /// <param name="backends">Backend resolution.</param>
    public static IngressRoutes Build(TranslationContext ctx, IReadOnlyList<IngressEntry> entries, IngressBackends backends)
    {
        var routes = new IngressRoutes(ctx, backends);
        var main = entries.Where(e => !e.IsCanary).ToList();
        foreach (var entry in main)
        {
            routes.Paths(entry);
        }

        foreach (var entry in main.Where(e => e.Settings.AppRoot is not null))
        {
            routes.AppRoot(entry);
        }

        foreach (var entry in entries.Where(e => e.IsCanary))
        {
            routes.Canary(entry);
        }

        routes.DefaultBackends(main);
        foreach (var drafts in routes.Hosts.Values)
        {
            drafts.Sort(IngressPrecedence.Instance);
        }

        return routes;
    }

    private void Paths(IngressEntry entry)
    {
        var rules = entry.Ingress.Spec?.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule)
            {
                continue;
            }

            var host = IngressHosts.Normalize(rule.Host);
            Host(host);
            var paths = rule.Http?.Paths ?? [];
            for (var j = 0; j < paths.Count; j++)
            {
                if (paths[j] is { } path)
                {
                    Path(entry, host, i, j, path);
                }
            }
        }
    }

    private void Path(IngressEntry entry, string host, int ruleIndex, int pathIndex, V1HTTPIngressPath spec)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"spec.rules[{ruleIndex}].http.paths[{pathIndex}]");
        var settings = entry.Settings;
        var path = IngressPaths.Create(spec.Path, spec.PathType, settings.RegexPaths, out var problem);
        if (path is null)
        {
            _ctx.Warn(entry.Key, field, problem + "; ignored");
            return;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"ingress/{entry.Namespace}/{entry.Name}/rule/{ruleIndex}/path/{pathIndex}");
        if (_byKey.TryGetValue((host, path.Key), out var claimed))
        {
            var owner = claimed.Entry == entry ? "an earlier path of this Ingress" : $"Ingress {claimed.Entry.Route}, which is older";
            _ctx.Warn(entry.Key, field, $"host {Shown(host)} path {path.Written} ({spec.PathType}) is already served by {owner}; ignored", WarningCodes.IngressPathConflict);
            return;
        }

        QuirkWarnings(entry, field, path);
        var backend = _backends.Resolve(entry.Namespace, spec.Backend, settings.Backend, 1, out var backendProblem);
        if (backendProblem is not null)
        {
            _ctx.Warn(entry.Key, field + ".backend", backendProblem);
        }

        var draft = new IngressRouteDraft
        {
            Id = id,
            Entry = entry,
            Host = host,
            Path = path,
            Action = IngressActions.Serve(settings, path, [backend]),
            RuleIndex = ruleIndex,
            PathIndex = pathIndex,
            KeepOnHttp = path.Written.StartsWith(AcmeChallengePrefix, StringComparison.Ordinal),
        };
        _byKey[(host, path.Key)] = draft;
        Host(host).Add(draft);
    }

    // ingress-nginx behaviours that are deliberately not reproduced: say so where a manifest may rely on them.
    private void QuirkWarnings(IngressEntry entry, string field, IngressPath path)
    {
        if (path.Type != PathMatchType.RegularExpression && IngressPaths.LooksLikeRegex(path.Written))
        {
            _ctx.Warn(entry.Key, field + ".path", $"\"{path.Written}\" looks like a regular expression but is matched literally: only ImplementationSpecific paths of an Ingress with use-regex or rewrite-target are expressions (ingress-nginx would also treat every path of a host as one once any Ingress on it uses them)", WarningCodes.IngressNginxQuirk);
        }

        if (path.Type == PathMatchType.Prefix && path.Written.Length > 1 && path.Written.EndsWith('/'))
        {
            _ctx.Warn(entry.Key, field + ".path", $"\"{path.Written}\" ends with /: ingress-nginx answers {path.Written.TrimEnd('/')} with a 301 adding the slash; Switchyard serves it from this path directly", WarningCodes.IngressNginxQuirk);
        }
    }

    private void AppRoot(IngressEntry entry)
    {
        var appRoot = entry.Settings.AppRoot!;
        var root = new IngressPath(new RouteMatch { Path = new PathMatch { Type = PathMatchType.Exact, Value = "/" } }, "exact:/", 1, "/");
        foreach (var (host, drafts) in Hosts)
        {
            // As in ingress-nginx, the redirect applies where this Ingress serves "/".
            if (!drafts.Any(d => d.Entry == entry && d.Path.MatchesRoot))
            {
                continue;
            }

            var action = IngressActions.AppRoot(entry.Settings, appRoot);
            if (_byKey.TryGetValue((host, root.Key), out var exactRoot))
            {
                if (exactRoot.Entry == entry)
                {
                    exactRoot.Action = action;
                }
                else
                {
                    _ctx.Warn(entry.Key, $"metadata.annotations[app-root]", $"host {Shown(host)}: / is served by an Exact path of Ingress {exactRoot.Entry.Route}; no app-root redirect there");
                }

                continue;
            }

            var draft = new IngressRouteDraft
            {
                Id = $"ingress/{entry.Namespace}/{entry.Name}/app-root",
                Entry = entry,
                Host = host,
                Path = root,
                Action = action,
                RuleIndex = -1,
            };
            _byKey[(host, root.Key)] = draft;
            drafts.Add(draft);
        }
    }

    private List<IngressRouteDraft> Host(string host)
    {
        if (!Hosts.TryGetValue(host, out var drafts))
        {
            Hosts[host] = drafts = [];
        }

        return drafts;
    }

    private static string Shown(string host) => host.Length == 0 ? "(any)" : host;
}
