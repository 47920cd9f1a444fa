using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>Computes the <c>Location</c> of a Gateway API <c>RequestRedirect</c> (or an Ingress redirect).</summary>
internal static class RedirectBuilder
{
    /// <summary>
    /// Builds the Location: a fixed <see cref="Redirect.Location"/> as given (a relative one after the request's scheme and
    /// Host header); otherwise scheme and hostname from the filter or the request; port from the filter, else the
    /// redirect scheme's well-known port when the filter sets a scheme, else the listener port; the port is omitted
    /// when it is the scheme's default; path replaced as the filter says; the query string kept.
    /// </summary>
    /// <param name="redirect">The filter.</param>
    /// <param name="requestScheme">"http" or "https".</param>
    /// <param name="requestHost">The request host without its port.</param>
    /// <param name="listenerPort">The port the request arrived on.</param>
    /// <param name="path">The decoded request path.</param>
    /// <param name="query">The raw query string with its <c>?</c>, or null.</param>
    /// <param name="matchedPrefix">The rule's path prefix, for <c>ReplacePrefixMatch</c>.</param>
    /// <param name="requestAuthority">The Host header as sent (port included), for a relative <see cref="Redirect.Location"/>.</param>
    public static string BuildLocation(
        Redirect redirect,
        string requestScheme,
        ReadOnlySpan<char> requestHost,
        int listenerPort,
        string path,
        string? query,
        string matchedPrefix,
        string? requestAuthority = null)
    {
        if (redirect.Location is { } location)
        {
            return location.StartsWith('/') ? string.Concat(requestScheme, "://", requestAuthority, location) : location;
        }

        var scheme = redirect.Scheme ?? requestScheme;
        var host = redirect.Hostname is null ? requestHost : redirect.Hostname.AsSpan();
        var port = redirect.Port ?? (redirect.Scheme is not null ? PathRewriter.DefaultPort(scheme) ?? listenerPort : listenerPort);
        var newPath = redirect.Path switch
        {
            null => path,
            { Type: PathRewriteType.ReplaceFullPath } full => full.Value,
            { } prefix => PathRewriter.ReplacePrefixMatch(path, matchedPrefix, prefix.Value),
        };

        var builder = new ValueStringBuilder(stackalloc char[256]);
        builder.Append(scheme);
        builder.Append("://");
        builder.Append(host);
        if (port != PathRewriter.DefaultPort(scheme))
        {
            builder.Append(':');
            builder.Append(port.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(new PathString(string.IsNullOrEmpty(newPath) ? "/" : newPath).ToUriComponent());
        builder.Append(query);
        return builder.ToString();
    }
}
