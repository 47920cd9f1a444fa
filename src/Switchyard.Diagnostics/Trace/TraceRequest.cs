using Microsoft.AspNetCore.Http;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// The request to trace, as a client would send it: the URL's parts as the server sees them (Host header, decoded
/// path, raw query), the method, extra headers, and the Pod it comes from (or none: a client outside the cluster).
/// A gRPC call (<c>grpc://HOST:PORT/package.Service/Method</c>, <c>grpcs://</c> over TLS) is the POST a gRPC client
/// sends: path <c>/package.Service/Method</c>, <c>content-type: application/grpc</c>, HTTP/2.
/// </summary>
public sealed record TraceRequest
{
    private const string GrpcScheme = "grpc";
    private const string GrpcsScheme = "grpcs";

    /// <summary>The URL as given.</summary>
    public required string Url { get; init; }

    /// <summary><c>http</c> or <c>https</c>: the transport (a gRPC call's too).</summary>
    public required string Scheme { get; init; }

    /// <summary>True for a gRPC call (<c>grpc://</c> or <c>grpcs://</c>).</summary>
    public bool Grpc { get; init; }

    /// <summary>A gRPC call's service (<c>package.Service</c>), or null.</summary>
    public string? GrpcService => Grpc ? Path.Split('/')[1] : null;

    /// <summary>A gRPC call's method, or null.</summary>
    public string? GrpcMethod => Grpc ? Path.Split('/')[2] : null;

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

    /// <summary>
    /// The TLS server name (SNI) a client sends, when given apart from the URL (<c>--sni</c>, as curl's
    /// <c>--connect-to</c> or a reused connection does); null means the URL's host.
    /// </summary>
    public string? Sni { get; init; }

    /// <summary>
    /// The SNI name of the handshake: <see cref="Sni"/>, else the URL's host unless it is an IP literal (RFC 6066 §3:
    /// clients send no SNI for an address); null when none is sent.
    /// </summary>
    public string? ServerName => Sni ?? (System.Net.IPAddress.TryParse(Host, out _) ? null : Host);

    /// <summary>The client Pod, <c>namespace/name</c>, or null.</summary>
    public string? FromPod { get; init; }

    /// <summary>
    /// Parses <paramref name="url"/>: absolute http or https, or a gRPC call as grpc (h2c) or grpcs (TLS) with the path
    /// <c>/package.Service/Method</c>; null with <paramref name="error"/> otherwise.
    /// </summary>
    public static TraceRequest? Parse(string url, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != GrpcScheme && uri.Scheme != GrpcsScheme)
            || string.IsNullOrEmpty(uri.Host))
        {
            error = "URL must be absolute http://, https://, grpc:// or grpcs:// with a host: " + url;
            return null;
        }

        var grpc = uri.Scheme is GrpcScheme or GrpcsScheme;
        var scheme = uri.Scheme == GrpcScheme || uri.Scheme == Uri.UriSchemeHttp ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;

        // gRPC has no port of its own: without one, the transport's (80 or 443), as for an http(s) URL.
        var port = uri.Port >= 0 ? uri.Port : scheme == Uri.UriSchemeHttp ? 80 : 443;
        var defaultPort = port == (scheme == Uri.UriSchemeHttp ? 80 : 443);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var path = PathString.FromUriComponent(uri.AbsolutePath).Value;
        var query = RawQuery(url);
        if (grpc && (query is not null || path?.Split('/') is not ["", { Length: > 0 }, { Length: > 0 }]))
        {
            error = "a gRPC URL is grpc://HOST[:PORT]/package.Service/Method (grpcs:// over TLS), without a query: " + url;
            return null;
        }

        return new TraceRequest
        {
            Url = url,
            Scheme = scheme,
            Grpc = grpc,
            Host = host,
            Port = port,
            Authority = defaultPort ? uri.Host : string.Concat(uri.Host, ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Path = string.IsNullOrEmpty(path) ? "/" : path,
            Query = query,
            Method = grpc ? "POST" : "GET",
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

    /// <summary>
    /// The request headers as the server sees them: Host first, then the extra ones; for a gRPC call also
    /// <c>content-type: application/grpc</c> and <c>te: trailers</c>, as gRPC clients send them, unless given.
    /// </summary>
    public IHeaderDictionary HeaderDictionary()
    {
        var headers = new HeaderDictionary { ["Host"] = Authority };
        foreach (var (name, value) in Headers)
        {
            headers.Append(name, value);
        }

        if (Grpc)
        {
            if (!headers.ContainsKey("content-type"))
            {
                headers["content-type"] = "application/grpc";
            }

            if (!headers.ContainsKey("te"))
            {
                headers["te"] = "trailers";
            }
        }

        return headers;
    }
}
