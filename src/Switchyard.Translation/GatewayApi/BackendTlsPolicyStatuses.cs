using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;
using Switchyard.Translation.Policies;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The status of every BackendTLSPolicy: one ancestor entry per Gateway of ours through which some attached HTTPRoute
/// or GRPCRoute reaches a Service port the policy concerns, with Accepted and ResolvedRefs computed for the targets
/// seen through that Gateway. A policy no attached route uses has no ancestors (and a warning for <c>check</c>).
/// </summary>
internal static class BackendTlsPolicyStatuses
{
    public static void Build(TranslationContext ctx, BackendTlsPolicies policies, IEnumerable<RouteEntry> routes, ReferenceGrants grants)
    {
        if (policies.Entries.Count == 0)
        {
            return;
        }

        // Policy → Gateway (ns/name) → the targets seen through it.
        var seen = new Dictionary<BackendTlsPolicyEntry, SortedDictionary<string, (GatewayEntry Gateway, HashSet<BackendTlsPolicyTarget> Targets)>>();
        foreach (var route in routes)
        {
            var gateways = route.Parents
                .Select(p => p.Parent.Gateway)
                .Distinct()
                .Where(g => g.AllListeners.Any(l => l.AttachedRoutes.Contains(route.Key)))
                .ToList();
            if (gateways.Count == 0)
            {
                continue;
            }

            foreach (var reference in BackendReferences(ctx, route))
            {
                if (!string.IsNullOrEmpty(reference.Group) || !string.Equals(reference.Kind ?? "Service", "Service", StringComparison.Ordinal) || string.IsNullOrEmpty(reference.Name))
                {
                    continue;
                }

                var ns = reference.Namespace ?? route.Namespace;
                if (!grants.Allows(GatewayApiGroup.Name, route.Kind, route.Namespace, string.Empty, "Service", ns, reference.Name))
                {
                    continue;
                }

                foreach (var target in policies.Concerning(ns, reference.Name, reference.Port))
                {
                    if (!seen.TryGetValue(target.Policy, out var byGateway))
                    {
                        seen[target.Policy] = byGateway = new SortedDictionary<string, (GatewayEntry, HashSet<BackendTlsPolicyTarget>)>(StringComparer.Ordinal);
                    }

                    foreach (var gateway in gateways)
                    {
                        var id = gateway.Namespace + "/" + gateway.Name;
                        if (!byGateway.TryGetValue(id, out var entry))
                        {
                            byGateway[id] = entry = (gateway, []);
                        }

                        entry.Targets.Add(target);
                    }
                }
            }
        }

        foreach (var policy in policies.Entries)
        {
            var previous = ctx.Previous.Status.TryGetValue(policy.Key, out var p) ? p as PolicyStatus : null;
            var status = new PolicyStatus();
            if (!seen.TryGetValue(policy, out var byGateway))
            {
                ctx.Warn(policy.Key, "spec.targetRefs", "no HTTPRoute or GRPCRoute attached to a Gateway of this controller uses a Service port this policy selects; it has no effect" + Summary(policy));
                ctx.SetStatus(policy.Key, status);
                continue;
            }

            foreach (var (gateway, targets) in byGateway.Values)
            {
                var previousConditions = previous?.Ancestors.FirstOrDefault(a => a is not null
                    && string.Equals(a.ControllerName, ctx.Options.GatewayControllerName, StringComparison.Ordinal)
                    && string.Equals(a.AncestorRef?.Name, gateway.Name, StringComparison.Ordinal)
                    && string.Equals(a.AncestorRef?.Namespace, gateway.Namespace, StringComparison.Ordinal))?.Conditions;
                var conditions = new ConditionWriter(policy.Generation, previousConditions, ctx.Now);
                var (accepted, reason, message) = Accepted(policy, [.. targets.OrderBy(t => policy.Targets.IndexOf(t))]);
                conditions.Set(PolicyConditions.Accepted, accepted, reason, message);
                if (policy.RefProblems.Count > 0)
                {
                    conditions.Set(PolicyConditions.ResolvedRefs, false, policy.RefProblems[0].Reason, string.Join("; ", policy.RefProblems.Select(r => r.Message)));
                }
                else
                {
                    conditions.Set(PolicyConditions.ResolvedRefs, true, PolicyConditions.ResolvedRefs, "All references resolved");
                }

                status.Ancestors.Add(new PolicyAncestorStatus
                {
                    AncestorRef = new ParentReference
                    {
                        Group = GatewayApiGroup.Name,
                        Kind = Gateway.KindName,
                        Namespace = gateway.Namespace,
                        Name = gateway.Name,
                    },
                    ControllerName = ctx.Options.GatewayControllerName,
                    Conditions = conditions.Conditions,
                });
            }

            ctx.SetStatus(policy.Key, status);
        }
    }

    /// <summary>
    /// Accepted for the targets seen through one Gateway. A problem of the policy itself comes first (it is what must be
    /// fixed whatever the targets), then target problems: Invalid, TargetNotFound, Conflicted.
    /// </summary>
    private static (bool Accepted, string Reason, string Message) Accepted(BackendTlsPolicyEntry policy, List<BackendTlsPolicyTarget> targets)
    {
        if (policy.NotAccepted is { } refused)
        {
            return (false, refused.Reason, refused.Message);
        }

        foreach (var reason in (ReadOnlySpan<string>)[PolicyConditions.Invalid, PolicyConditions.TargetNotFound, PolicyConditions.Conflicted])
        {
            var problems = targets.Where(t => string.Equals(t.Problem?.Reason, reason, StringComparison.Ordinal)).Select(t => t.Problem!.Value.Message).ToList();
            if (problems.Count > 0)
            {
                return (false, reason, string.Join("; ", problems));
            }
        }

        var notes = targets.Select(t => t.Note).OfType<string>().Concat(policy.Notes).ToList();
        return (true, PolicyConditions.Accepted, notes.Count == 0 ? "Policy is accepted" : "Policy is accepted; " + string.Join("; ", notes));
    }

    // What an unused policy would report, so that `check` still shows why it could not work.
    private static string Summary(BackendTlsPolicyEntry policy)
    {
        var problems = new List<string>();
        if (policy.NotAccepted is { } refused)
        {
            problems.Add(refused.Reason + ": " + refused.Message);
        }
        else
        {
            problems.AddRange(policy.RefProblems.Select(r => r.Reason + ": " + r.Message));
        }

        problems.AddRange(policy.Targets.Where(t => t.Problem is not null).Select(t => t.Problem!.Value.Reason + ": " + t.Problem.Value.Message));
        return problems.Count == 0 ? string.Empty : " (" + string.Join("; ", problems) + ")";
    }

    /// <summary>Every backend reference of the route: rule backendRefs and RequestMirror targets, at rule and backend level.</summary>
    private static IEnumerable<IBackendObjectReference> BackendReferences(TranslationContext ctx, RouteEntry route)
    {
        var key = route.Key;
        if (ctx.Store.Get<HttpRoute>(key.Group, key.Kind, key.Namespace, key.Name) is { } http)
        {
            foreach (var rule in http.Spec.Rules ?? [])
            {
                foreach (var mirror in Mirrors(rule?.Filters?.Select(f => f?.RequestMirror)))
                {
                    yield return mirror;
                }

                foreach (var backendRef in rule?.BackendRefs ?? [])
                {
                    if (backendRef is null)
                    {
                        continue;
                    }

                    yield return backendRef;
                    foreach (var mirror in Mirrors(backendRef.Filters?.Select(f => f?.RequestMirror)))
                    {
                        yield return mirror;
                    }
                }
            }
        }
        else if (ctx.Store.Get<GrpcRoute>(key.Group, key.Kind, key.Namespace, key.Name) is { } grpc)
        {
            foreach (var rule in grpc.Spec.Rules ?? [])
            {
                foreach (var mirror in Mirrors(rule?.Filters?.Select(f => f?.RequestMirror)))
                {
                    yield return mirror;
                }

                foreach (var backendRef in rule?.BackendRefs ?? [])
                {
                    if (backendRef is null)
                    {
                        continue;
                    }

                    yield return backendRef;
                    foreach (var mirror in Mirrors(backendRef.Filters?.Select(f => f?.RequestMirror)))
                    {
                        yield return mirror;
                    }
                }
            }
        }
    }

    private static IEnumerable<IBackendObjectReference> Mirrors(IEnumerable<HttpRequestMirrorFilter?>? filters) =>
        (filters ?? []).Select(f => f?.BackendRef).OfType<IBackendObjectReference>();
}
