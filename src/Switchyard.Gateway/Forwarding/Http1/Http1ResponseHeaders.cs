using System.Collections.Frozen;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// Response header names the lean client recognises without allocating: the name bytes are looked up as characters
/// and map to ASP.NET's own name strings (which Kestrel then matches by reference), with what to do with the field.
/// </summary>
internal static class Http1ResponseHeaders
{
    /// <summary>Names longer than this are never known ones (and are decoded to a new string).</summary>
    public const int MaxKnownLength = 40;

    private static readonly FrozenDictionary<string, Known> Table = Build();

    private static readonly FrozenDictionary<string, Known>.AlternateLookup<ReadOnlySpan<char>> Lookup = Table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Number of known names (their <see cref="Known.Id"/> is below this).</summary>
    public static int Count => Table.Count;

    private static readonly Known ContentTypeEntry = Table[HeaderNames.ContentType];
    private static readonly Known ContentLengthEntry = Table[HeaderNames.ContentLength];
    private static readonly Known ServerEntry = Table[HeaderNames.Server];
    private static readonly Known DateEntry = Table[HeaderNames.Date];
    private static readonly Known ConnectionEntry = Table[HeaderNames.Connection];

    /// <summary>The names nearly every response has, matched on the bytes without the table lookup; null otherwise.</summary>
    public static Known? Common(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "Date"u8) => DateEntry,
        6 when Ascii.EqualsIgnoreCase(name, "Server"u8) => ServerEntry,
        10 when Ascii.EqualsIgnoreCase(name, "Connection"u8) => ConnectionEntry,
        12 when Ascii.EqualsIgnoreCase(name, "Content-Type"u8) => ContentTypeEntry,
        14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8) => ContentLengthEntry,
        _ => null,
    };

    public static bool TryGet(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Known? known) => Lookup.TryGetValue(name, out known);

    private static FrozenDictionary<string, Known> Build()
    {
        string[] forwarded =
        [
            HeaderNames.AcceptRanges, HeaderNames.AccessControlAllowCredentials, HeaderNames.AccessControlAllowHeaders,
            HeaderNames.AccessControlAllowMethods, HeaderNames.AccessControlAllowOrigin, HeaderNames.AccessControlExposeHeaders,
            HeaderNames.AccessControlMaxAge, HeaderNames.Age, HeaderNames.Allow, HeaderNames.CacheControl,
            HeaderNames.ContentDisposition, HeaderNames.ContentEncoding, HeaderNames.ContentLanguage, HeaderNames.ContentLocation,
            HeaderNames.ContentMD5, HeaderNames.ContentRange, HeaderNames.ContentSecurityPolicy, HeaderNames.ContentType,
            HeaderNames.Date, HeaderNames.ETag, HeaderNames.Expires, HeaderNames.LastModified, HeaderNames.Link,
            HeaderNames.Location, HeaderNames.Pragma, HeaderNames.RetryAfter, HeaderNames.Server, HeaderNames.SetCookie,
            HeaderNames.StrictTransportSecurity, HeaderNames.Vary, HeaderNames.Via, HeaderNames.Warning,
            HeaderNames.WWWAuthenticate, HeaderNames.XContentTypeOptions, HeaderNames.XFrameOptions, HeaderNames.XPoweredBy,
            HeaderNames.XXSSProtection, "Referrer-Policy", "X-Request-Id",
        ];
        string[] dropped =
        [
            HeaderNames.KeepAlive, HeaderNames.Upgrade, HeaderNames.ProxyConnection, HeaderNames.ProxyAuthenticate,
            "Proxy-Authentication-Info", HeaderNames.ProxyAuthorization, "Proxy-Features", "Proxy-Instruction",
            "Security-Scheme", "ALPN", "Close", "HTTP2-Settings", HeaderNames.UpgradeInsecureRequests, HeaderNames.TE,
            HeaderNames.AltSvc, HeaderNames.Trailer,
        ];
        var table = new Dictionary<string, Known>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, Http1ResponseHeaderKind kind) => table[name] = new Known(name, table.Count, kind);
        foreach (var name in forwarded)
        {
            Add(name, Http1ResponseHeaderKind.Forwarded);
        }

        foreach (var name in dropped)
        {
            Add(name, Http1ResponseHeaderKind.Dropped);
        }

        Add(HeaderNames.ContentLength, Http1ResponseHeaderKind.ContentLength);
        Add(HeaderNames.TransferEncoding, Http1ResponseHeaderKind.TransferEncoding);
        Add(HeaderNames.Connection, Http1ResponseHeaderKind.Connection);
        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A known name: the string to use, a dense id (for per-connection value caches), and its handling.</summary>
    internal sealed record Known(string Name, int Id, Http1ResponseHeaderKind Kind);
}
