namespace Switchyard.Resources.Validation;

/// <summary>The patterns the Gateway API CRDs (v1.6 standard channel) put on string fields, verbatim.</summary>
public static class GatewayApiPatterns
{
    /// <summary>API group: empty (core) or a DNS subdomain.</summary>
    public static readonly CrdPattern Group = new(@"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /// <summary>Kind: a letter, then letters, digits and dashes.</summary>
    public static readonly CrdPattern Kind = new(@"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$");

    /// <summary>Namespace: a DNS-1123 label.</summary>
    public static readonly CrdPattern Namespace = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    /// <summary>Section (listener, rule, port) names: a DNS-1123 subdomain.</summary>
    public static readonly CrdPattern SectionName = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /// <summary>Hostname with an optional leading <c>*.</c> label.</summary>
    public static readonly CrdPattern Hostname = new(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /// <summary>Hostname without wildcards (redirects, rewrites, backend TLS).</summary>
    public static readonly CrdPattern PreciseHostname = SectionName;

    /// <summary>HTTP header name: an RFC 7230 token.</summary>
    public static readonly CrdPattern HeaderName = new(@"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$");

    /// <summary>Controller name: a domain prefix, a slash, and a path.</summary>
    public static readonly CrdPattern ControllerName = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$");

    /// <summary>Listener protocol: a core name (HTTP, HTTPS, ...) or a domain-prefixed one.</summary>
    public static readonly CrdPattern Protocol = new(@"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$");

    /// <summary>Gateway address type: a core type or a domain-prefixed one.</summary>
    public static readonly CrdPattern AddressType = new(@"^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$");

    /// <summary>Gateway API duration: up to four number+unit parts (h, m, s, ms).</summary>
    public static readonly CrdPattern Duration = new(@"^([0-9]{1,5}(h|m|s|ms)){1,4}$");

    /// <summary>CORS origin: <c>*</c> or scheme://host[:port], host possibly with a leading wildcard.</summary>
    public static readonly CrdPattern CorsOrigin = new(@"(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)");

    /// <summary>Label value (Gateway infrastructure labels).</summary>
    public static readonly CrdPattern LabelValue = new(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

    /// <summary>BackendTLSPolicy well-known CA set: System or a domain-prefixed name.</summary>
    public static readonly CrdPattern WellKnownCaCertificates = new(@"^(System|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$");

    /// <summary>Absolute URI (RFC 3986 shape) for subject alternative names.</summary>
    public static readonly CrdPattern AbsoluteUri = new(@"^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?");

    /// <summary>CEL rule pattern for label and annotation keys (optional DNS prefix, name up to 63 characters).</summary>
    public static readonly CrdPattern MetadataKey = new(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$");

    /// <summary>CEL rule pattern for Exact and PathPrefix path values.</summary>
    public static readonly CrdPattern PathCharacters = new(@"^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$");

    /// <summary>CEL rule pattern for an Exact gRPC service name.</summary>
    public static readonly CrdPattern GrpcService = new(@"^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$");

    /// <summary>CEL rule pattern for an Exact gRPC method name.</summary>
    public static readonly CrdPattern GrpcMethod = new(@"^[A-Za-z_][A-Za-z_0-9]*$");

    /// <summary>CEL rule pattern for TLSRoute hostnames (RFC 1123, no wildcard).</summary>
    public static readonly CrdPattern Rfc1123Hostname = new(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$");
}
