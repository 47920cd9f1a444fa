using System.Text.RegularExpressions;
using Switchyard.Ir;
using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Ingress;

/// <summary>Builds the IR actions of Ingress rules from their annotations.</summary>
internal static class IngressActions
{
    private const int HttpsRedirectCode = 308;
    private const int AppRootRedirectCode = 302;
    private static readonly DirectResponse Unavailable = new() { StatusCode = 503 };

    /// <summary>What a path does when served: answer a fixed redirect, or forward to <paramref name="backends"/>.</summary>
    public static RouteAction Serve(IngressSettings settings, IngressPath path, IReadOnlyList<WeightedBackend> backends)
    {
        var action = new RouteAction
        {
            SourceRanges = settings.SourceRanges,
            Cors = settings.Cors,
        };
        if (settings.FailClosed is not null)
        {
            return action with { DirectResponse = Unavailable };
        }

        if (settings.Redirect is { } redirect)
        {
            return action with { Redirect = new Redirect { Location = redirect.Location, StatusCode = redirect.StatusCode } };
        }

        return action with
        {
            Backends = [.. backends],
            Rewrite = Rewrite(settings, path),
            RequestHeaders = settings.ForwardedPrefix is { } prefix
                ? new HeaderModifier { Set = [KeyValuePair.Create("X-Forwarded-Prefix", prefix)] }
                : null,
            MaxRequestBodySize = settings.MaxBodySize,
        };
    }

    /// <summary>The app-root redirect for requests to <c>/</c>: to the given path, keeping scheme and Host.</summary>
    public static RouteAction AppRoot(IngressSettings settings, string appRoot) => new()
    {
        SourceRanges = settings.SourceRanges,
        Redirect = new Redirect { Location = appRoot, StatusCode = AppRootRedirectCode },
    };

    /// <summary>The HTTP answer for a rule whose host is served over HTTPS: a 308 to the same host and path.</summary>
    public static RouteAction RedirectToHttps(RouteAction served, int publicHttpsPort) => new()
    {
        SourceRanges = served.SourceRanges,
        Redirect = new Redirect
        {
            Scheme = "https",
            Port = publicHttpsPort == 443 ? null : publicHttpsPort,
            StatusCode = HttpsRedirectCode,
        },
    };

    // rewrite-target replaces the whole path, with $n the groups of the path's expression (or of the path itself,
    // matched literally and case-insensitively, when it is not one); upstream-vhost replaces the Host.
    private static UrlRewrite? Rewrite(IngressSettings settings, IngressPath path)
    {
        if (settings.RewriteTarget is null && settings.UpstreamVhost is null)
        {
            return null;
        }

        // As in ingress-nginx, a target equal to the path leaves the path alone.
        PathRewrite? pathRewrite = null;
        if (settings.RewriteTarget is { } target && !string.Equals(target, path.Written, StringComparison.Ordinal))
        {
            var pattern = path.Type == PathMatchType.RegularExpression
                ? path.Written
                : Regex.Escape(path.Type == PathMatchType.Prefix ? path.Match.Path.Value : path.Written);
            pathRewrite = new PathRewrite { Type = PathRewriteType.RegexReplace, Pattern = "(?i)" + pattern, Value = target };
        }

        return pathRewrite is null && settings.UpstreamVhost is null ? null : new UrlRewrite { Hostname = settings.UpstreamVhost, Path = pathRewrite };
    }
}
