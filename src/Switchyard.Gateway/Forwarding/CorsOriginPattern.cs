namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// One allowed origin of a Gateway API CORS filter: <c>scheme://host[:port]</c> where the host may be <c>*</c> (any host)
/// or start with <c>*.</c> (any host with at least one more label on the left, however many). Scheme and host compare
/// case-insensitively; a missing port on either side is the scheme's default, so <c>https://a.test</c> and
/// <c>https://a.test:443</c> are the same origin.
/// </summary>
internal sealed class CorsOriginPattern
{
    private readonly string _scheme;
    private readonly string _host;
    private readonly int _port;
    private readonly HostKind _kind;

    private CorsOriginPattern(string scheme, string host, int port, HostKind kind)
    {
        _scheme = scheme;
        _host = host;
        _port = port;
        _kind = kind;
    }

    private enum HostKind
    {
        Exact,

        /// <summary><see cref="_host"/> is the suffix after the star, starting with the dot.</summary>
        Suffix,
        Any,
    }

    /// <summary>Null when the text is not an origin (the CRD pattern refuses those; the IR may still carry one).</summary>
    public static CorsOriginPattern? Parse(string pattern)
    {
        if (!CorsOrigin.TryParse(pattern, out var origin))
        {
            return null;
        }

        var host = origin.Host;
        var scheme = origin.Scheme.ToString();
        if (host is "*")
        {
            return new CorsOriginPattern(scheme, string.Empty, origin.Port, HostKind.Any);
        }

        return host.StartsWith("*.", StringComparison.Ordinal)
            ? new CorsOriginPattern(scheme, host[1..].ToString(), origin.Port, HostKind.Suffix)
            : new CorsOriginPattern(scheme, host.ToString(), origin.Port, HostKind.Exact);
    }

    public bool IsMatch(in CorsOrigin origin)
    {
        if (origin.Port != _port || !origin.Scheme.Equals(_scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = origin.Host;
        return _kind switch
        {
            HostKind.Any => true,
            HostKind.Suffix => host.Length > _host.Length && host.EndsWith(_host, StringComparison.OrdinalIgnoreCase),
            _ => host.Equals(_host, StringComparison.OrdinalIgnoreCase),
        };
    }
}
