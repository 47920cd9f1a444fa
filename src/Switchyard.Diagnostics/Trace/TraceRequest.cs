using Microsoft.AspNetCore.Http;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The request to trace, as a client would send it: the URL's parts as the server sees them (Host header, decoded
/// path, raw query), the method, extra headers, and the Pod it comes from (or none: a client outside the cluster).
/// </summary>
public sealed record TraceRequest
{
    /// <summary>The URL as given.</summary>
    public required string Url { get; init; }

    /// <summary><c>http</c> or <c>https</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>The host without brackets or port: a DNS name or an IP literal.</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>The Host header a client sends: host, plus the port when it is not the scheme's default.</summary>
    public required string Authority { get; init; }

    /// <summary>The decoded path, as the server's request path (never empty).</summary>
    public required string Path { get; init; }

    /// <summary>The raw query with its <c>?</c>, or null.</summary>
    public string? Query { get; init; }

    public string Method { get; init; } = "GET";

    /// <summary>Extra request headers (<c>-H</c>), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The client Pod, <c>namespace/name</c>, or null.</summary>
    public string? FromPod { get; init; }

    /// <summary>Parses <paramref name="url"/> (http or https, absolute); null with <paramref name="error"/> otherwise.</summary>
    public static TraceRequest? Parse(string url, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            error = "URL must be absolute http:// or https:// with a host: " + url;
            return null;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var path = PathString.FromUriComponent(uri.AbsolutePath).Value;
        return new TraceRequest
        {
            Url = url,
            Scheme = uri.Scheme,
            Host = host,
            Port = uri.Port,
            Authority = uri.IsDefaultPort ? uri.Host : string.Concat(uri.Host, ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Path = string.IsNullOrEmpty(path) ? "/" : path,
            Query = RawQuery(url),
        };
    }

    // The query as the client sends it (Uri would unescape some of it); a fragment is never sent.
    private static string? RawQuery(string url)
    {
        var end = url.IndexOf('#', StringComparison.Ordinal);
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || (end >= 0 && end < question))
        {
            return null;
        }

        var query = end < 0 ? url[question..] : url[question..end];
        return query.Length > 1 ? query : null;
    }

    /// <summary>
    /// Adds <c>Name: value</c> headers; a Host header replaces <see cref="Authority"/>, as with curl. Null with
    /// <paramref name="error"/> when one is not of that form.
    /// </summary>
    public TraceRequest? WithHeaders(IEnumerable<string> lines, out string? error)
    {
        error = null;
        var authority = Authority;
        var headers = new List<KeyValuePair<string, string>>(Headers);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon <= 0 ? string.Empty : line[..colon].Trim();
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
            {
                error = "header must be 'Name: value': " + line;
                return null;
            }

            var value = line[(colon + 1)..].Trim();
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                authority = value;
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        return this with { Authority = authority, Headers = headers };
    }

    /// <summary>The request headers as the server sees them: Host first, then the extra ones.</summary>
    public IHeaderDictionary HeaderDictionary()
    {
        var headers = new HeaderDictionary { ["Host"] = Authority };
        foreach (var (name, value) in Headers)
        {
            headers.Append(name, value);
        }

        return headers;
    }
}
