using System.Collections.Immutable;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The Gateway API v1.6 features Switchyard serves end to end, by their conformance names (pkg/features in
/// kubernetes-sigs/gateway-api v1.6.1). Our GatewayClasses report them in <c>status.supportedFeatures</c>, which the
/// conformance suite reads to choose its tests, so a name belongs here only once the feature works completely;
/// docs/gateway-api.md ("Conformance features") names each one, and a test keeps the two in step.
/// </summary>
internal static class SupportedFeatures
{
    /// <summary>The spec's limit on <c>status.supportedFeatures</c>.</summary>
    public const int MaxItems = 64;

    /// <summary>
    /// The names, sorted ascending as the field requires (ordinal, i.e. by code point as Go compares strings, so
    /// <c>GRPCRoute</c> sorts before <c>Gateway</c>).
    /// </summary>
    public static ImmutableArray<string> Names { get; } = [.. new[]
    {
        "BackendTLSPolicy",
        "BackendTLSPolicySANValidation",
        "Gateway",
        "GatewayAddressEmpty",
        "GatewayBackendClientCertificate",
        "GatewayFrontendClientCertificateValidation",
        "GatewayFrontendClientCertificateValidationInsecureFallback",
        "GatewayHTTPListenerIsolation",
        "GatewayHTTPSListenerDetectMisdirectedRequests",
        "GatewayInfrastructurePropagation",
        "GatewayPort8080",
        "GatewayStaticAddresses",
        "GRPCRoute",
        "GRPCRouteNamedRouteRule",
        "HTTPRoute",
        "HTTPRoute303RedirectStatusCode",
        "HTTPRoute307RedirectStatusCode",
        "HTTPRoute308RedirectStatusCode",
        "HTTPRouteBackendProtocolH2C",
        "HTTPRouteBackendProtocolWebSocket",
        "HTTPRouteBackendRequestHeaderModification",
        "HTTPRouteBackendTimeout",
        "HTTPRouteCORS",
        "HTTPRouteDestinationPortMatching",
        "HTTPRouteHostRewrite",
        "HTTPRouteMethodMatching",
        "HTTPRouteNamedRouteRule",
        "HTTPRouteParentRefPort",
        "HTTPRoutePathRedirect",
        "HTTPRoutePathRewrite",
        "HTTPRoutePortRedirect",
        "HTTPRouteQueryParamMatching",
        "HTTPRouteRequestMirror",
        "HTTPRouteRequestMultipleMirrors",
        "HTTPRouteRequestPercentageMirror",
        "HTTPRouteRequestTimeout",
        "HTTPRouteResponseHeaderModification",
        "HTTPRouteRetry",
        "HTTPRouteRetryBackendTimeout",
        "HTTPRouteRetryConnectionError",
        "HTTPRouteSchemeRedirect",
        "ListenerSet",
        "ReferenceGrant",
        "TLSRoute",
        "TLSRouteModeMixed",
        "TLSRouteModeTerminate",
    }.Order(StringComparer.Ordinal)];

    /// <summary>A fresh <c>status.supportedFeatures</c> list (status objects are mutable models).</summary>
    public static List<SupportedFeature> Status() => [.. Names.Select(n => new SupportedFeature { Name = n })];
}
