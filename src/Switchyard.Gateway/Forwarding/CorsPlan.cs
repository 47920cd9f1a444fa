using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A compiled <see cref="CorsPolicy"/>: the gateway answers preflights itself and adds the CORS headers to responses
/// for allowed origins, by the rules of the policy's <see cref="CorsMode"/> (ingress-nginx here, Gateway API in
/// <c>CorsPlan.GatewayApi.cs</c>). Header values are built once; answering allocates only in the rare configurations
/// that must echo what the client asked for or list the response's header names.
/// </summary>
internal sealed partial class CorsPlan
{
    private static readonly StringValues Star = new("*");
    private static readonly StringValues True = new("true");
    private static readonly StringValues Origin = new("Origin");

    private readonly CorsMode _mode;
    private readonly bool _anyOrigin;
    private readonly NginxOriginPattern[] _nginxOrigins = [];
    private readonly CorsOriginPattern[] _origins = [];
    private readonly StringValues _methods;
    private readonly StringValues _headers;
    private readonly StringValues _expose;
    private readonly StringValues _maxAge;
    private readonly bool _credentials;
    private readonly bool _anyMethod;
    private readonly bool _anyHeader;
    private readonly bool _anyExpose;
    private readonly StringValues _preflightVary;

    private CorsPlan(CorsPolicy policy)
    {
        _mode = policy.Mode;
        var origins = policy.AllowOrigins.IsDefault ? [] : policy.AllowOrigins;
        var nginx = new List<NginxOriginPattern>();
        var gateway = new List<CorsOriginPattern>();
        foreach (var origin in origins)
        {
            if (origin == "*")
            {
                _anyOrigin = true;
            }
            else if (string.IsNullOrEmpty(origin))
            {
                continue;
            }
            else if (_mode == CorsMode.GatewayApi)
            {
                if (CorsOriginPattern.Parse(origin) is { } pattern)
                {
                    gateway.Add(pattern);
                }
            }
            else
            {
                nginx.Add(NginxOriginPattern.Parse(origin));
            }
        }

        _nginxOrigins = [.. nginx];
        _origins = [.. gateway];
        _methods = Join(policy.AllowMethods);
        _headers = Join(policy.AllowHeaders);
        _expose = Join(policy.ExposeHeaders);
        _maxAge = policy.MaxAge is { } maxAge ? new StringValues(((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)) : StringValues.Empty;
        _credentials = policy.AllowCredentials;
        _anyMethod = _methods == "*";
        _anyHeader = _headers == "*";
        _anyExpose = _expose == "*";
        _preflightVary = PreflightVary();
    }

    public static CorsPlan? Create(CorsPolicy? policy) => policy is null ? null : new CorsPlan(policy);

    /// <summary>Answers a preflight (status 204, headers for an allowed origin); false when the request is not one.</summary>
    public bool TryAnswerPreflight(HttpContext context) =>
        _mode == CorsMode.GatewayApi ? TryAnswerGatewayPreflight(context) : TryAnswerNginxPreflight(context);

    /// <summary>Adds the CORS headers to a response for an allowed origin (replacing any the backend sent).</summary>
    public void ApplyToResponse(HttpContext context)
    {
        if (_mode == CorsMode.GatewayApi)
        {
            ApplyGateway(context);
        }
        else if (TryAllowNginx(context.Request.Headers.Origin, out var allowed))
        {
            WriteNginx(context.Response.Headers, allowed);
        }
    }

    private bool TryAnswerNginxPreflight(HttpContext context)
    {
        // ingress-nginx: any OPTIONS from an allowed origin; other OPTIONS go to the backend.
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !TryAllowNginx(request.Headers.Origin, out var allowed))
        {
            return false;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        WriteNginx(response.Headers, allowed);
        response.ContentLength = 0;
        return true;
    }

    private bool TryAllowNginx(StringValues origin, out StringValues allowed)
    {
        if (_anyOrigin)
        {
            allowed = Star;
            return true;
        }

        allowed = default;
        if (origin.Count != 1 || string.IsNullOrEmpty(origin[0]))
        {
            return false;
        }

        var value = origin[0]!;
        foreach (var pattern in _nginxOrigins)
        {
            if (pattern.IsMatch(value))
            {
                allowed = origin;
                return true;
            }
        }

        return false;
    }

    private void WriteNginx(IHeaderDictionary headers, StringValues allowed)
    {
        headers[HeaderNames.AccessControlAllowOrigin] = allowed;
        if (!_anyOrigin)
        {
            AppendVary(headers, Origin);
        }

        if (_credentials)
        {
            headers[HeaderNames.AccessControlAllowCredentials] = True;
        }

        if (_methods.Count != 0)
        {
            headers[HeaderNames.AccessControlAllowMethods] = _methods;
        }

        if (_headers.Count != 0)
        {
            headers[HeaderNames.AccessControlAllowHeaders] = _headers;
        }

        if (_expose.Count != 0)
        {
            headers[HeaderNames.AccessControlExposeHeaders] = _expose;
        }

        if (_maxAge.Count != 0)
        {
            headers[HeaderNames.AccessControlMaxAge] = _maxAge;
        }
    }

    /// <summary>Adds a Vary value unless the response already carries it (a response may pass through here twice).</summary>
    private static void AppendVary(IHeaderDictionary headers, StringValues value)
    {
        var vary = headers.Vary;
        if (vary.Count == 0)
        {
            headers.Vary = value;
            return;
        }

        foreach (var existing in vary)
        {
            if (string.Equals(existing, value[0], StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        headers.Vary = StringValues.Concat(vary, value);
    }

    private static StringValues Join(System.Collections.Immutable.ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? StringValues.Empty : new StringValues(string.Join(", ", values));

    /// <summary>ingress-nginx: <c>scheme://host[:port]</c>, the host optionally starting with <c>*.</c> for exactly one label.</summary>
    private sealed class NginxOriginPattern
    {
        private readonly string _prefix;
        private readonly string _suffix;
        private readonly bool _wildcard;

        private NginxOriginPattern(string prefix, string suffix, bool wildcard)
        {
            _prefix = prefix;
            _suffix = suffix;
            _wildcard = wildcard;
        }

        public static NginxOriginPattern Parse(string pattern)
        {
            var star = pattern.IndexOf("://*.", StringComparison.Ordinal);
            return star < 0
                ? new NginxOriginPattern(pattern, string.Empty, wildcard: false)
                : new NginxOriginPattern(pattern[..(star + 3)], pattern[(star + 4)..], wildcard: true);
        }

        public bool IsMatch(ReadOnlySpan<char> origin)
        {
            if (!_wildcard)
            {
                return origin.Equals(_prefix, StringComparison.OrdinalIgnoreCase);
            }

            // "https://" + one label (letters, digits, '-') + ".example.com[:port]".
            if (origin.Length <= _prefix.Length + _suffix.Length
                || !origin.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase)
                || !origin.EndsWith(_suffix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var label = origin[_prefix.Length..^_suffix.Length];
            foreach (var ch in label)
            {
                if (!char.IsAsciiLetterOrDigit(ch) && ch != '-')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
