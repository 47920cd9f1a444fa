using System.Collections.Frozen;

namespace Switchyard.Translation.Ingress.Annotations;

/// <summary>
/// Every ingress-nginx annotation (without its prefix) and what Switchyard does with it. Names outside this list are
/// unknown and reported as such. Keep in step with the table in docs/ingress.md.
/// </summary>
internal static class AnnotationCatalog
{
    public const string NginxPrefix = "nginx.ingress.kubernetes.io/";
    public const string SwitchyardPrefix = "switchyard.dev/";

    private static readonly FrozenDictionary<string, AnnotationSupport> Names = Build();

    public static AnnotationSupport? Find(string name) => Names.TryGetValue(name, out var support) ? support : null;

    public static IEnumerable<KeyValuePair<string, AnnotationSupport>> All => Names.OrderBy(n => n.Key, StringComparer.Ordinal);

    private static FrozenDictionary<string, AnnotationSupport> Build()
    {
        var names = new Dictionary<string, AnnotationSupport>(StringComparer.Ordinal);
        void Add(AnnotationSupport support, params string[] list)
        {
            foreach (var name in list)
            {
                names.Add(name, support);
            }
        }

        Add(
            AnnotationSupport.Supported,
            "app-root", "backend-protocol",
            "canary", "canary-by-cookie", "canary-by-header", "canary-by-header-pattern", "canary-by-header-value", "canary-weight", "canary-weight-total",
            "enable-cors", "cors-allow-credentials", "cors-allow-headers", "cors-allow-methods", "cors-allow-origin", "cors-expose-headers", "cors-max-age",
            "force-ssl-redirect", "ssl-redirect",
            "permanent-redirect", "permanent-redirect-code", "temporal-redirect", "temporal-redirect-code",
            "proxy-body-size", "proxy-connect-timeout", "proxy-read-timeout", "proxy-send-timeout",
            "rewrite-target", "use-regex", "upstream-vhost", "x-forwarded-prefix",
            "whitelist-source-range", "allowlist-source-range");
        Add(AnnotationSupport.NoEffect, "preserve-trailing-slash");
        Add(AnnotationSupport.Snippet, "configuration-snippet", "server-snippet", "auth-snippet", "stream-snippet", "modsecurity-snippet");
        Add(AnnotationSupport.FailClosed, "auth-type", "auth-url", "auth-tls-secret", "denylist-source-range");
        Add(
            AnnotationSupport.Unsupported,
            "affinity", "affinity-canary-behavior", "affinity-mode",
            "auth-always-set-cookie", "auth-cache-duration", "auth-cache-key", "auth-keepalive", "auth-keepalive-requests",
            "auth-keepalive-share-vars", "auth-keepalive-timeout", "auth-method", "auth-proxy-set-headers", "auth-realm",
            "auth-request-redirect", "auth-response-headers", "auth-secret", "auth-secret-type", "auth-signin",
            "auth-signin-redirect-param", "auth-tls-error-page", "auth-tls-match-cn", "auth-tls-pass-certificate-to-upstream",
            "auth-tls-verify-client", "auth-tls-verify-depth", "enable-global-auth", "satisfy",
            "client-body-buffer-size", "connection-proxy-header", "custom-headers", "custom-http-errors", "default-backend",
            "disable-proxy-intercept-errors", "enable-access-log", "enable-modsecurity", "enable-opentelemetry",
            "enable-owasp-core-rules", "enable-rewrite-log", "fastcgi-index", "fastcgi-params-configmap", "from-to-www-redirect",
            "http2-push-preload", "limit-allowlist", "limit-burst-multiplier", "limit-connections", "limit-rate",
            "limit-rate-after", "limit-rpm", "limit-rps", "limit-whitelist", "load-balance", "mirror-host",
            "mirror-request-body", "mirror-target", "modsecurity-transaction-id", "opentelemetry-operation-name",
            "opentelemetry-trust-incoming-span", "proxy-buffer-size", "proxy-buffering", "proxy-buffers-number",
            "proxy-busy-buffers-size", "proxy-cookie-domain", "proxy-cookie-path", "proxy-http-version",
            "proxy-max-temp-file-size", "proxy-next-upstream", "proxy-next-upstream-timeout", "proxy-next-upstream-tries",
            "proxy-redirect-from", "proxy-redirect-to", "proxy-request-buffering", "proxy-ssl-ciphers", "proxy-ssl-name",
            "proxy-ssl-protocols", "proxy-ssl-secret", "proxy-ssl-server-name", "proxy-ssl-verify", "proxy-ssl-verify-depth",
            "relative-redirects", "server-alias", "service-upstream", "session-cookie-change-on-failure",
            "session-cookie-conditional-samesite-none", "session-cookie-domain", "session-cookie-expires",
            "session-cookie-max-age", "session-cookie-name", "session-cookie-path", "session-cookie-samesite",
            "session-cookie-secure", "ssl-ciphers", "ssl-passthrough", "ssl-prefer-server-ciphers", "upstream-hash-by",
            "upstream-hash-by-subset", "upstream-hash-by-subset-size", "use-port-in-redirects");
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
