using System.Globalization;
using k8s.Models;
using Switchyard.Ir;
using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Ingress;

internal sealed partial class IngressRoutes
{
    // A canary Ingress adds its backend to the paths of the main Ingress with the same host, type and path, as
    // ingress-nginx does: header, then cookie, then weight decide which requests it gets. Its other paths are ignored.
    private void Canary(IngressEntry entry)
    {
        var canary = entry.Settings.Canary!;
        var rules = entry.Ingress.Spec?.Rules ?? [];
        if (entry.Ingress.Spec?.DefaultBackend is not null)
        {
            _ctx.Warn(entry.Key, "spec.defaultBackend", "ignored on a canary Ingress");
        }

        if (entry.Ingress.Spec?.Tls is { Count: > 0 })
        {
            _ctx.Warn(entry.Key, "spec.tls", "ignored on a canary Ingress (the main Ingress's TLS settings apply)");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var host = IngressHosts.Normalize(rules[i]?.Host);
            var paths = rules[i]?.Http?.Paths ?? [];
            for (var j = 0; j < paths.Count; j++)
            {
                if (paths[j] is { } spec)
                {
                    CanaryPath(entry, canary, host, string.Create(CultureInfo.InvariantCulture, $"spec.rules[{i}].http.paths[{j}]"), spec);
                }
            }
        }
    }

    private void CanaryPath(IngressEntry entry, CanarySettings canary, string host, string field, V1HTTPIngressPath spec)
    {
        // The main Ingress decides whether its paths are expressions; try both readings of this one.
        IngressRouteDraft? main = null;
        foreach (var regex in new[] { false, true })
        {
            if (IngressPaths.Create(spec.Path, spec.PathType, regex, out _) is { } path && _byKey.TryGetValue((host, path.Key), out var found))
            {
                main = found;
                break;
            }
        }

        if (main is null || main.Tier != 0 || main.Id.EndsWith("/app-root", StringComparison.Ordinal))
        {
            _ctx.Warn(entry.Key, field, $"no main (non-canary) Ingress serves host {Shown(host)} path {spec.Path} ({spec.PathType}); ignored");
            return;
        }

        if (main.CanaryFrom is { } other)
        {
            _ctx.Warn(entry.Key, field, $"host {Shown(host)} path {spec.Path} already has canary Ingress {other.Route}; only one canary per path is supported; ignored", WarningCodes.IngressPathConflict);
            return;
        }

        var primary = main.Action;
        if (primary.Backends.Length != 1 || primary.Redirect is not null || primary.DirectResponse is not null)
        {
            _ctx.Warn(entry.Key, field, $"the main Ingress {main.Entry.Route} answers this path itself (redirect or refusal); the canary is not used");
            return;
        }

        var backend = _backends.Resolve(entry.Namespace, spec.Backend, main.Entry.Settings.Backend, 1, out var problem);
        if (problem is not null)
        {
            _ctx.Warn(entry.Key, field + ".backend", problem);
        }

        main.CanaryFrom = entry;
        var toCanary = primary with { Backends = [backend] };
        var variants = new List<(string Suffix, int Variant, RouteMatch Match, RouteAction Action)>();
        var match = main.Path.Match;
        if (canary.Header is { } header)
        {
            if (canary.HeaderValue is { } value)
            {
                variants.Add(("canary/header", 0, match with { Headers = [Exact(header, value)] }, toCanary));
            }
            else if (canary.HeaderPattern is { } pattern)
            {
                // ingress-nginx looks for the pattern anywhere in the value.
                var anywhere = new StringMatch { Name = header, Type = StringMatchType.RegularExpression, Value = ".*(?:" + pattern + ").*" };
                variants.Add(("canary/header", 0, match with { Headers = [anywhere] }, toCanary));
            }
            else
            {
                variants.Add(("canary/header", 0, match with { Headers = [Exact(header, "always")] }, toCanary));
                variants.Add(("canary/header-never", 1, match with { Headers = [Exact(header, "never")] }, primary));
            }
        }

        if (canary.Cookie is { } cookie)
        {
            variants.Add(("canary/cookie", 2, match with { Cookies = [Exact(cookie, "always")] }, toCanary));
            variants.Add(("canary/cookie-never", 3, match with { Cookies = [Exact(cookie, "never")] }, primary));
        }

        foreach (var (suffix, variant, variantMatch, action) in variants)
        {
            Host(main.Host).Add(new IngressRouteDraft
            {
                Id = main.Id + "/" + suffix,
                Entry = main.Entry,
                Host = main.Host,
                Path = main.Path with { Match = variantMatch },
                Action = action,
                RuleIndex = main.RuleIndex,
                PathIndex = main.PathIndex,
                Variant = variant,
                KeepOnHttp = main.KeepOnHttp,
                CanaryFrom = entry,
            });
        }

        if (canary.Weight > 0)
        {
            main.Action = primary with
            {
                Backends =
                [
                    primary.Backends[0] with { Weight = canary.WeightTotal - canary.Weight },
                    backend with { Weight = canary.Weight },
                ],
            };
        }
    }

    private static StringMatch Exact(string name, string value) => new() { Name = name, Type = StringMatchType.Exact, Value = value };
}
