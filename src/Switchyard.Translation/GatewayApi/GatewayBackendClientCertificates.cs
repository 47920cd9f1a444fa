using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Resolves each Gateway's spec.tls.backend.clientCertificateRef: a kubernetes.io/tls Secret (in another namespace only
/// with a ReferenceGrant) whose certificate and key the Gateway presents to backends it speaks TLS to.
/// </summary>
internal static class GatewayBackendClientCertificates
{
    public static void Resolve(TranslationContext ctx, IEnumerable<GatewayEntry> gateways, ReferenceGrants grants)
    {
        foreach (var gateway in gateways)
        {
            if (gateway.Gateway.Spec.Tls?.Backend?.ClientCertificateRef is not { } reference)
            {
                continue;
            }

            var resolution = TlsCertificates.Resolve(ctx.Store, grants, Gateway.KindName, gateway.Namespace, reference, hostname: null, ctx.Now);
            if (resolution.Problem is { } problem)
            {
                // The listener certificate reasons, spelled as the Gateway-level condition wants them.
                var reason = string.Equals(problem.Reason, ListenerConditions.RefNotPermitted, StringComparison.Ordinal)
                    ? GatewayConditions.RefNotPermitted
                    : GatewayConditions.InvalidClientCertificateRef;
                gateway.BackendClientCertificateProblem = new Problem(reason, "spec.tls.backend.clientCertificateRef: " + problem.Message);
                continue;
            }

            if (resolution.Warning is { } warning)
            {
                ctx.Warn(gateway.Key, "spec.tls.backend.clientCertificateRef", warning);
            }

            gateway.BackendClientCertificate = resolution.Certificate;
        }
    }

    /// <summary>
    /// The Gateway-level ResolvedRefs condition, written when spec.tls.backend.clientCertificateRef is set: False with the
    /// certificate's problem, else False with ListenersNotResolved when a listener has unresolved references, else True.
    /// </summary>
    public static void WriteCondition(ConditionWriter conditions, GatewayEntry gateway, IReadOnlyList<ListenerStatus> listeners)
    {
        if (gateway.Gateway.Spec.Tls?.Backend?.ClientCertificateRef is null)
        {
            return;
        }

        if (gateway.BackendClientCertificateProblem is { } problem)
        {
            conditions.Set(GatewayConditions.ResolvedRefs, false, problem.Reason, problem.Message + "; backends are connected to without a client certificate");
            return;
        }

        var unresolved = listeners.Where(l => !l.Conditions.IsTrue(ListenerConditions.ResolvedRefs)).Select(l => l.Name).ToList();
        if (unresolved.Count > 0)
        {
            conditions.Set(GatewayConditions.ResolvedRefs, false, GatewayConditions.ListenersNotResolved, $"listener(s) with unresolved references: {string.Join(", ", unresolved)}");
            return;
        }

        conditions.Set(GatewayConditions.ResolvedRefs, true, GatewayConditions.ResolvedRefs, "All references resolved");
    }
}
