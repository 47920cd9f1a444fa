namespace Switchyard.Ir;

/// <summary>Which specification a <see cref="CorsPolicy"/> follows; the two differ in details browsers notice.</summary>
public enum CorsMode
{
    /// <summary>
    /// ingress-nginx <c>enable-cors</c>: <c>*.</c> in an origin stands for exactly one label; any <c>OPTIONS</c> from an
    /// allowed origin is answered 204 and others are forwarded; <c>*</c> is answered as <c>*</c>; every CORS header is
    /// sent on preflights and responses alike.
    /// </summary>
    IngressNginx,

    /// <summary>
    /// Gateway API HTTPRoute <c>CORS</c> filter: <c>*</c> in an origin's host stands for any number of labels and an
    /// origin without a port means the scheme's default port; every preflight (<c>OPTIONS</c> with <c>Origin</c> and
    /// <c>Access-Control-Request-Method</c>) is answered by the gateway, without CORS headers for an origin not allowed;
    /// with credentials allowed, <c>*</c> is never sent: the origin, method and headers asked for are echoed instead;
    /// responses carry only <c>-Allow-Origin</c>, <c>-Allow-Credentials</c> and <c>-Expose-Headers</c>, replacing any
    /// CORS headers the backend sent.
    /// </summary>
    GatewayApi,
}
