using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A compiled <see cref="CorsPolicy"/>. A request is cross-origin-allowed when its <c>Origin</c> matches an allowed
/// origin (or the policy allows <c>*</c>); then the gateway answers a preflight (<c>OPTIONS</c>) itself with 204 and
/// adds the CORS headers to the forwarded response. Header values are built once; answering does not allocate
/// beyond what the server needs for the headers it sends.
/// </summary>
internal sealed class CorsPlan
{
    private static readonly StringValues Star = new("*");
    private static readonly StringValues True = new("true");
    private static readonly StringValues Origin = new("Origin");

    private readonly bool _anyOrigin;
    private readonly OriginPattern[] _origins;
    private readonly StringValues _methods;
    private readonly StringValues _headers;
    private readonly StringValues _expose;
    private readonly StringValues _maxAge;
    private readonly bool _credentials;

    private CorsPlan(CorsPolicy policy)
    {
        var origins = policy.AllowOrigins.IsDefault ? [] : policy.AllowOrigins;
        var patterns = new List<OriginPattern>();
        foreach (var origin in origins)
        {
            if (origin == "*")
            {
                _anyOrigin = true;
            }
            else if (!string.IsNullOrEmpty(origin))
            {
                patterns.Add(OriginPattern.Parse(origin));
            }
        }

        _origins = [.. patterns];
        _methods = Join(policy.AllowMethods);
        _headers = Join(policy.AllowHeaders);
        _expose = Join(policy.ExposeHeaders);
        _maxAge = policy.MaxAge is { } maxAge ? new StringValues(((long)maxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture)) : StringValues.Empty;
        _credentials = policy.AllowCredentials;
    }

    public static CorsPlan? Create(CorsPolicy? policy) => policy is null ? null : new CorsPlan(policy);

    /// <summary>Answers a preflight from an allowed origin with 204; false when the request is not one.</summary>
    public bool TryAnswerPreflight(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !TryAllow(request.Headers.Origin, out var allowed))
        {
            return false;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        Write(response.Headers, allowed);
        response.ContentLength = 0;
        return true;
    }

    /// <summary>Adds the CORS headers to a response for an allowed origin (replacing any the backend sent).</summary>
    public void ApplyToResponse(HttpContext context)
    {
        if (TryAllow(context.Request.Headers.Origin, out var allowed))
        {
            Write(context.Response.Headers, allowed);
        }
    }

    private bool TryAllow(StringValues origin, out StringValues allowed)
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
        foreach (var pattern in _origins)
        {
            if (pattern.IsMatch(value))
            {
                allowed = origin;
                return true;
            }
        }

        return false;
    }

    private void Write(IHeaderDictionary headers, StringValues allowed)
    {
        headers[HeaderNames.AccessControlAllowOrigin] = allowed;
        if (!_anyOrigin)
        {
            headers.Append(HeaderNames.Vary, Origin);
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

    private static StringValues Join(System.Collections.Immutable.ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? StringValues.Empty : new StringValues(string.Join(", ", values));

    /// <summary><c>scheme://host[:port]</c>, the host optionally starting with <c>*.</c> for exactly one label.</summary>
    private sealed class OriginPattern
    {
        private readonly string _prefix;
        private readonly string _suffix;
        private readonly bool _wildcard;

        private OriginPattern(string prefix, string suffix, bool wildcard)
        {
            _prefix = prefix;
            _suffix = suffix;
            _wildcard = wildcard;
        }

        public static OriginPattern Parse(string pattern)
        {
            var star = pattern.IndexOf("://*.", StringComparison.Ordinal);
            return star < 0
                ? new OriginPattern(pattern, string.Empty, wildcard: false)
                : new OriginPattern(pattern[..(star + 3)], pattern[(star + 4)..], wildcard: true);
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
