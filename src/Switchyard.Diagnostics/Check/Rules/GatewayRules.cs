using k8s.Models;
using Switchyard.Resources.Model.GatewayApi;
using GatewayObject = Switchyard.Resources.Model.GatewayApi.Gateway;
using Switchyard.Resources.Store;

namespace Switchyard.Diagnostics.Check.Rules;

/// <summary>
/// SY4xx: Gateway API. Every finding comes from the status the translator computed (the same conditions
/// <c>status</c> prints), never from a second implementation of attachment or reference rules.
/// </summary>
internal sealed class GatewayRules : ICheckRules
{
    public void Evaluate(CheckContext context, List<Finding> findings)
    {
        foreach (var (key, status) in context.Translation.Status)
        {
            switch (status)
            {
                case GatewayClassStatus classStatus:
                    foreach (var condition in Unhealthy(classStatus.Conditions, GatewayClassConditionsAccepted))
                    {
                        findings.Add(context.Create(RuleCatalog.GatewayClassNotAccepted, key, "status.conditions." + condition.Type,
                            Describe(condition), "fix spec.parametersRef / controllerName as the message says"));
                    }

                    break;
                case GatewayStatus gateway:
                    Gateway(context, key, gateway, findings);
                    break;
                case RouteStatus route:
                    Route(context, key, route, findings);
                    break;
                case PolicyStatus policy:
                    Policy(context, key, policy, findings);
                    break;
                default:
                    break;
            }
        }
    }

    private static readonly string[] GatewayClassConditionsAccepted = [GatewayConditions.Accepted];

    // ResolvedRefs is written only when spec.tls.backend is set.
    private static readonly string[] GatewayHealthy = [GatewayConditions.Accepted, GatewayConditions.Programmed, GatewayConditions.ResolvedRefs];

    private static readonly string[] PolicyHealthy = [PolicyConditions.Accepted, PolicyConditions.ResolvedRefs];

    private static readonly string[] ListenerHealthy = [ListenerConditions.Accepted, ListenerConditions.Programmed, ListenerConditions.ResolvedRefs];

    /// <summary>Conditions among <paramref name="positive"/> that are not True.</summary>
    private static IEnumerable<V1Condition> Unhealthy(List<V1Condition>? conditions, string[] positive) =>
        (conditions ?? []).Where(c => positive.Contains(c.Type, StringComparer.Ordinal) && !string.Equals(c.Status, "True", StringComparison.Ordinal));

    private static string Describe(V1Condition condition) =>
        $"{condition.Type}={condition.Status} ({condition.Reason}){(string.IsNullOrEmpty(condition.Message) ? string.Empty : ": " + condition.Message)}";

    private static void Gateway(CheckContext context, ResourceKey key, GatewayStatus status, List<Finding> findings)
    {
        foreach (var condition in Unhealthy(status.Conditions, GatewayHealthy))
        {
            // ListenersNotValid and ListenersNotResolved are summaries; each listener is reported on its own.
            if (string.Equals(condition.Reason, GatewayConditions.ListenersNotValid, StringComparison.Ordinal)
                || string.Equals(condition.Reason, GatewayConditions.ListenersNotResolved, StringComparison.Ordinal))
            {
                continue;
            }

            findings.Add(context.Create(RuleCatalog.GatewayUnhealthy, key, "status.conditions." + condition.Type, Describe(condition), GatewayFix(condition.Reason)));
        }

        var listeners = status.Listeners ?? [];
        var spec = context.Store.Find(key)?.Object as GatewayObject;
        foreach (var listener in listeners)
        {
            var index = spec?.Spec.Listeners?.FindIndex(l => string.Equals(l.Name, listener.Name, StringComparison.Ordinal)) ?? -1;
            var field = index >= 0 ? $"spec.listeners[{index}]" : "spec.listeners." + listener.Name;
            var conflicted = listener.Conditions.FirstOrDefault(c => string.Equals(c.Type, ListenerConditions.Conflicted, StringComparison.Ordinal) && string.Equals(c.Status, "True", StringComparison.Ordinal));
            if (conflicted is not null)
            {
                findings.Add(context.Create(RuleCatalog.ListenerConflict, key, field,
                    $"listener {listener.Name}: {Describe(conflicted)}",
                    string.Equals(conflicted.Reason, ListenerConditions.ProtocolConflict, StringComparison.Ordinal)
                        ? "use one protocol per port: move one listener to another port"
                        : "give listeners on one port distinct hostnames"));
                continue;
            }

            foreach (var condition in Unhealthy(listener.Conditions, ListenerHealthy))
            {
                // Certificate problems are reported precisely by the SY5xx rules.
                if (string.Equals(condition.Reason, ListenerConditions.InvalidCertificateRef, StringComparison.Ordinal))
                {
                    continue;
                }

                findings.Add(context.Create(RuleCatalog.ListenerUnhealthy, key, field,
                    $"listener {listener.Name}: {Describe(condition)}", ListenerFix(condition.Reason)));
            }
        }
    }

    private static string GatewayFix(string? reason) => reason switch
    {
        GatewayConditions.UnsupportedAddress => "remove spec.addresses or use an address type Switchyard supports",
        GatewayConditions.InvalidParameters => "fix spec.infrastructure.parametersRef",
        GatewayConditions.Pending => "check that the GatewayClass exists and is Accepted",
        GatewayConditions.InvalidClientCertificateRef => "point spec.tls.backend.clientCertificateRef at a kubernetes.io/tls Secret holding tls.crt and tls.key",
        GatewayConditions.RefNotPermitted => "add a ReferenceGrant in the Secret's namespace allowing Gateways from this namespace",
        _ => "see the condition message; `switchyard status` prints the full status",
    };

    private static string ListenerFix(string? reason) => reason switch
    {
        ListenerConditions.RefNotPermitted => "add a ReferenceGrant in the Secret's namespace allowing Gateways from this namespace",
        ListenerConditions.InvalidRouteKinds => "list only HTTPRoute/GRPCRoute/TLSRoute kinds the protocol supports in allowedRoutes.kinds",
        ListenerConditions.UnsupportedProtocol => "use HTTP, HTTPS or TLS",
        ListenerConditions.PortUnavailable => "pick a free port, or run with the privileges the port needs",
        _ => "see the condition message; `switchyard status` prints the full status",
    };

    private static void Policy(CheckContext context, ResourceKey key, PolicyStatus status, List<Finding> findings)
    {
        if (status.Ancestors.Count == 0)
        {
            var why = context.Translation.Warnings.FirstOrDefault(w => w.Object == key && string.Equals(w.Field, "spec.targetRefs", StringComparison.Ordinal))?.Message
                ?? "no route attached to a Gateway uses a Service port the policy selects";
            findings.Add(context.Create(RuleCatalog.BackendTlsPolicyUnused, key, "spec.targetRefs", why,
                "target a Service port (sectionName: the port's name) that an HTTPRoute or GRPCRoute backendRef uses, or delete the policy"));
            return;
        }

        foreach (var ancestor in status.Ancestors)
        {
            var gateway = (ancestor.AncestorRef.Namespace is { } ns ? ns + "/" : string.Empty) + ancestor.AncestorRef.Name;
            foreach (var condition in Unhealthy(ancestor.Conditions, PolicyHealthy))
            {
                findings.Add(context.Create(RuleCatalog.BackendTlsPolicyNotAccepted, key, PolicyField(condition.Reason),
                    $"Gateway {gateway}: {Describe(condition)}", PolicyFix(condition.Reason)));
            }
        }
    }

    private static string PolicyField(string? reason) => reason switch
    {
        PolicyConditions.TargetNotFound or PolicyConditions.Conflicted => "spec.targetRefs",
        PolicyConditions.Invalid => "spec",
        _ => "spec.validation.caCertificateRefs",
    };

    private static string PolicyFix(string? reason) => reason switch
    {
        PolicyConditions.NoValidCACertificate or PolicyConditions.InvalidCACertificateRef =>
            "create the ConfigMap with the PEM CA bundle under key ca.crt in the policy's namespace, or fix the reference",
        PolicyConditions.InvalidKind => "reference a core ConfigMap (group \"\", kind ConfigMap) holding ca.crt",
        PolicyConditions.TargetNotFound => "target an existing Service (group \"\", kind Service) and, with sectionName, one of its port names",
        PolicyConditions.Conflicted => "keep one BackendTLSPolicy per Service port: delete or retarget the other policies",
        PolicyConditions.Invalid => "use wellKnownCACertificates: System or caCertificateRefs, and target TCP ports",
        _ => "see the condition message; `switchyard status` prints the full status",
    };

    private static void Route(CheckContext context, ResourceKey key, RouteStatus status, List<Finding> findings)
    {
        var parentRefs = (context.Store.Find(key)?.Object) switch
        {
            HttpRoute h => h.Spec.ParentRefs,
            GrpcRoute g => g.Spec.ParentRefs,
            TlsRoute t => t.Spec.ParentRefs,
            _ => null,
        } ?? [];
        if (parentRefs.Count == 0 || status.Parents.Count == 0)
        {
            findings.Add(context.Create(RuleCatalog.RouteAttachedToNoListener, key, "spec.parentRefs",
                parentRefs.Count == 0 ? "the route names no parent Gateway: it serves no traffic" : "no parent Gateway handled the route: it serves no traffic",
                "add spec.parentRefs naming a Gateway (and sectionName for one listener) whose GatewayClass Switchyard owns"));
            return;
        }

        for (var p = 0; p < status.Parents.Count; p++)
        {
            var parent = status.Parents[p];
            var index = parentRefs.FindIndex(r => string.Equals(r.Name, parent.ParentRef.Name, StringComparison.Ordinal)
                && string.Equals(r.SectionName, parent.ParentRef.SectionName, StringComparison.Ordinal)
                && r.Port == parent.ParentRef.Port);
            var field = index >= 0 ? $"spec.parentRefs[{index}]" : $"status.parents[{p}]";
            var parentName = (parent.ParentRef.Namespace is { } ns ? ns + "/" : string.Empty) + parent.ParentRef.Name
                + (parent.ParentRef.SectionName is { } section ? "/" + section : string.Empty);
            foreach (var condition in parent.Conditions)
            {
                var healthy = string.Equals(condition.Status, "True", StringComparison.Ordinal);
                if (string.Equals(condition.Type, RouteConditions.Accepted, StringComparison.Ordinal))
                {
                    if (!healthy)
                    {
                        findings.Add(context.Create(RuleCatalog.RouteNotAccepted, key, field, $"parent {parentName}: {Describe(condition)}", RouteFix(condition.Reason)));
                    }
                }
                else if (string.Equals(condition.Type, RouteConditions.ResolvedRefs, StringComparison.Ordinal) && !healthy)
                {
                    findings.Add(context.Create(RuleCatalog.RouteRefsUnresolved, key, "spec.rules[*].backendRefs", $"parent {parentName}: {Describe(condition)}", RouteFix(condition.Reason)));
                }
            }
        }
    }

    private static string RouteFix(string? reason) => reason switch
    {
        RouteConditions.NotAllowedByListeners => "allow the route's namespace and kind in the listener's allowedRoutes (namespaces.from: All/Selector), or move the route",
        RouteConditions.NoMatchingListenerHostname => "make spec.hostnames intersect the listener's hostname (or drop the listener hostname)",
        RouteConditions.NoMatchingParent => "fix the parentRef: name, namespace, sectionName and port must name an existing listener",
        RouteConditions.RefNotPermitted => "add a ReferenceGrant in the backend's namespace allowing this route's kind from its namespace",
        RouteConditions.BackendNotFound => "create the Service, or fix the backendRef's name, namespace and port",
        RouteConditions.InvalidKind => "reference a core Service (group \"\", kind Service)",
        RouteConditions.UnsupportedProtocol => "set the Service port's appProtocol to one the route supports",
        RouteConditions.UnsupportedValue => "remove the unsupported field or value named in the message",
        RouteConditions.IncompatibleFilters => "use at most one of RequestRedirect and URLRewrite per rule, and no backends with a redirect",
        RouteConditions.Pending => "check that the parent Gateway exists and its GatewayClass is Accepted",
        "InvalidBackendTLSPolicy" => "fix the BackendTLSPolicy selecting the Service port (its status says why it cannot be honoured)",

        // Switchyard's reason for the GRPCRoute spec's rule that HTTPRoutes and GRPCRoutes cannot share a hostname.
        "HostnameConflict" => "give the HTTPRoute and the GRPCRoute distinct hostnames, or attach them to different listeners",
        _ => "see the condition message; `switchyard status` prints the full status",
    };
}
