using System.Collections.Frozen;

namespace Switchyard.Diagnostics.Check;

/// <summary>Every rule <c>check</c> knows, by id. Ids are stable: a retired rule's id is never reused.</summary>
public static class RuleCatalog
{
    public static readonly RuleDescriptor SelectorMatchesNoPods = new("SY101", "service-selector-matches-no-pods", Severity.Warning, "The Service's selector matches no Pod in its namespace.");
    public static readonly RuleDescriptor OverlappingSelectors = new("SY102", "service-selectors-overlap", Severity.Warning, "Two Services with different selectors select some of the same Pods.");
    public static readonly RuleDescriptor SelectorWithoutAppName = new("SY103", "service-selector-without-app-name", Severity.Info, "The selector does not use the app.kubernetes.io/name label.");
    public static readonly RuleDescriptor TargetPortNameUndeclared = new("SY104", "service-targetport-name-undeclared", Severity.Error, "A named targetPort is not declared by some selected Pods' containers.");
    public static readonly RuleDescriptor TargetPortNumberUndeclared = new("SY105", "service-targetport-number-undeclared", Severity.Warning, "A numeric targetPort is not declared as a containerPort by any selected Pod.");
    public static readonly RuleDescriptor PodWithoutReadinessProbe = new("SY106", "pod-without-readiness-probe", Severity.Warning, "A Pod selected by a Service has no readinessProbe.");
    public static readonly RuleDescriptor ServiceNoReadyEndpoints = new("SY107", "service-no-ready-endpoints", Severity.Error, "The Service has no ready endpoint.");
    public static readonly RuleDescriptor SliceAllNotReady = new("SY108", "endpointslice-all-not-ready", Severity.Warning, "Every endpoint of the EndpointSlice is not ready or terminating.");
    public static readonly RuleDescriptor ExternalNameIgnoredFields = new("SY109", "externalname-ignored-fields", Severity.Warning, "An ExternalName Service sets a selector or ports, which are ignored.");
    public static readonly RuleDescriptor NodePortInvalid = new("SY110", "nodeport-out-of-range-or-duplicate", Severity.Error, "A nodePort is outside 30000-32767 or used by another Service.");
    public static readonly RuleDescriptor LocalPolicyNodesUncovered = new("SY111", "loadbalancer-local-nodes-uncovered", Severity.Warning, "externalTrafficPolicy: Local, but some nodes have no ready endpoint: traffic sent there is dropped.");
    public static readonly RuleDescriptor VersionedServiceName = new("SY112", "service-name-embeds-version", Severity.Info, "The Service name embeds a version; clients must change when the version does.");
    public static readonly RuleDescriptor ClusterIpLiteral = new("SY201", "clusterip-literal-in-config", Severity.Info, "A Service's ClusterIP is written literally in another object; use the Service's DNS name.");
    public static readonly RuleDescriptor IngressWithoutClass = new("SY301", "ingress-without-class", Severity.Warning, "The Ingress has no ingressClassName and there is no default IngressClass.");
    public static readonly RuleDescriptor MultipleDefaultIngressClasses = new("SY302", "ingress-multiple-default-classes", Severity.Error, "More than one IngressClass is marked default.");
    public static readonly RuleDescriptor IngressPathConflict = new("SY303", "ingress-path-conflict", Severity.Warning, "Two Ingresses (or two paths of one) claim the same host, path and pathType; the older keeps it.");
    public static readonly RuleDescriptor IngressAnnotationUnknown = new("SY304", "ingress-annotation-unknown", Severity.Warning, "An nginx.ingress.kubernetes.io/ or switchyard.dev/ annotation that no version knows; it is ignored.");
    public static readonly RuleDescriptor IngressAnnotationUnsupported = new("SY305", "ingress-annotation-unsupported", Severity.Warning, "An ingress-nginx annotation Switchyard does not support (snippets are never executed; access controls fail closed).");
    public static readonly RuleDescriptor IngressTlsHostWithoutRule = new("SY306", "ingress-tls-host-without-rule", Severity.Warning, "A spec.tls host that no rule of the Ingress serves.");
    public static readonly RuleDescriptor IngressHostWithoutCertificate = new("SY307", "ingress-host-without-certificate", Severity.Warning, "An Ingress host served over HTTPS without a certificate: handshakes fail.");
    public static readonly RuleDescriptor IngressNginxQuirk = new("SY308", "ingress-nginx-quirk", Severity.Info, "The manifest relies on an ingress-nginx behaviour Switchyard does not reproduce.");
    public static readonly RuleDescriptor GatewayClassNotAccepted = new("SY401", "gatewayclass-not-accepted", Severity.Error, "The GatewayClass is not Accepted.");
    public static readonly RuleDescriptor GatewayUnhealthy = new("SY402", "gateway-unhealthy", Severity.Error, "The Gateway is not Accepted or not Programmed.");
    public static readonly RuleDescriptor ListenerUnhealthy = new("SY403", "listener-unhealthy", Severity.Error, "A Gateway listener is not Accepted, not Programmed or has unresolved references.");
    public static readonly RuleDescriptor ListenerConflict = new("SY404", "listener-conflict", Severity.Error, "Two listeners of a Gateway conflict (protocol or hostname on one port).");
    public static readonly RuleDescriptor RouteNotAccepted = new("SY405", "route-not-accepted", Severity.Error, "A route is not Accepted by a parent.");
    public static readonly RuleDescriptor RouteRefsUnresolved = new("SY406", "route-refs-unresolved", Severity.Error, "A route's backend references do not resolve.");
    public static readonly RuleDescriptor RouteAttachedToNoListener = new("SY407", "route-attached-to-no-listener", Severity.Warning, "A route names no parent, or no parent accepted it.");
    public static readonly RuleDescriptor BackendTlsPolicyNotAccepted = new("SY408", "backendtlspolicy-not-accepted", Severity.Error, "A BackendTLSPolicy is not Accepted, or its CA certificate references do not resolve, for a Gateway whose routes use it.");
    public static readonly RuleDescriptor BackendTlsPolicyUnused = new("SY409", "backendtlspolicy-unused", Severity.Warning, "No route attached to a Gateway uses a Service port the BackendTLSPolicy selects: it has no effect.");
    public static readonly RuleDescriptor TlsSecretMissing = new("SY501", "tls-secret-missing", Severity.Error, "A listener's certificateRef or an Ingress's tls secretName names a Secret that does not exist.");
    public static readonly RuleDescriptor TlsSecretWrongType = new("SY502", "tls-secret-wrong-type", Severity.Error, "The certificate Secret is not of type kubernetes.io/tls or lacks tls.crt/tls.key.");
    public static readonly RuleDescriptor TlsUnparsable = new("SY503", "tls-certificate-unparsable", Severity.Error, "tls.crt or tls.key is not valid PEM.");
    public static readonly RuleDescriptor TlsKeyMismatch = new("SY504", "tls-key-mismatch", Severity.Error, "tls.key is not the private key of tls.crt.");
    public static readonly RuleDescriptor TlsSanMismatch = new("SY505", "tls-san-not-covering-host", Severity.Warning, "The certificate's SANs do not cover the listener's hostname or the Ingress tls hosts.");
    public static readonly RuleDescriptor TlsExpired = new("SY506", "tls-certificate-expired", Severity.Error, "The certificate has expired or is not valid yet.");
    public static readonly RuleDescriptor TlsExpiring = new("SY507", "tls-certificate-expiring", Severity.Warning, "The certificate expires within 30 days.");
    public static readonly RuleDescriptor EgressBlocksDns = new("SY601", "egress-policy-blocks-dns", Severity.Error, "A Pod's egress policies do not allow UDP and TCP 53 to the cluster DNS.");
    public static readonly RuleDescriptor IngressPolicyBlocksService = new("SY602", "ingress-policy-blocks-service", Severity.Warning, "No Pod of a namespace can reach a Service's backends because of ingress policies.");

    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        SelectorMatchesNoPods, OverlappingSelectors, SelectorWithoutAppName, TargetPortNameUndeclared, TargetPortNumberUndeclared,
        PodWithoutReadinessProbe, ServiceNoReadyEndpoints, SliceAllNotReady, ExternalNameIgnoredFields, NodePortInvalid,
        LocalPolicyNodesUncovered, VersionedServiceName, ClusterIpLiteral, IngressWithoutClass, MultipleDefaultIngressClasses,
        IngressPathConflict, IngressAnnotationUnknown, IngressAnnotationUnsupported, IngressTlsHostWithoutRule, IngressHostWithoutCertificate, IngressNginxQuirk,
        GatewayClassNotAccepted, GatewayUnhealthy, ListenerUnhealthy, ListenerConflict, RouteNotAccepted, RouteRefsUnresolved,
        RouteAttachedToNoListener, BackendTlsPolicyNotAccepted, BackendTlsPolicyUnused, TlsSecretMissing, TlsSecretWrongType, TlsUnparsable, TlsKeyMismatch, TlsSanMismatch,
        TlsExpired, TlsExpiring, EgressBlocksDns, IngressPolicyBlocksService,
    ];

    public static FrozenDictionary<string, RuleDescriptor> ById { get; } = All.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
}
