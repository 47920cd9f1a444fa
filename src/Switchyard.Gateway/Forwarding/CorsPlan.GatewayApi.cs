using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>The Gateway API HTTPRoute CORS filter (<see cref="CorsMode.GatewayApi"/>).</summary>
internal sealed partial class CorsPlan
{
    /// <summary>The route decides CORS: these never pass from a backend to the client.</summary>
    private static readonly string[] CorsResponseHeaders =
    [
        HeaderNames.AccessControlAllowOrigin,
        HeaderNames.AccessControlAllowCredentials,
        HeaderNames.AccessControlAllowMethods,
        HeaderNames.AccessControlAllowHeaders,
        HeaderNames.AccessControlExposeHeaders,
        HeaderNames.AccessControlMaxAge,
    ];

    /// <summary>Response headers a browser exposes anyway (Fetch "CORS-safelisted response-header name"), or never may.</summary>
    private static readonly HashSet<string> NotExposed = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.CacheControl, HeaderNames.ContentLanguage, HeaderNames.ContentLength, HeaderNames.ContentType,
        HeaderNames.Expires, HeaderNames.LastModified, HeaderNames.Pragma, HeaderNames.SetCookie, "Set-Cookie2",
    };

    /// <summary>True when the answer depends on the request's Origin (then caches must key on it).</summary>
    private bool VariesByOrigin => !_anyOrigin || _credentials;

    private bool TryAnswerGatewayPreflight(HttpContext context)
    {
        // A CORS preflight (Fetch standard): OPTIONS with Origin and Access-Control-Request-Method. The gateway is its
        // final authority (GEP-1767): it never reaches the backend, allowed or not.
        var request = context.Request;
        var headers = request.Headers;
        if (!HttpMethods.IsOptions(request.Method) || headers.Origin.Count == 0 || headers.AccessControlRequestMethod.Count == 0)
        {
            return false;
        }

        var response = context.Response;
        var answer = response.Headers;
        response.StatusCode = StatusCodes.Status204NoContent;
        if (TryAllowGateway(headers.Origin, out var allowed))
        {
            answer.AccessControlAllowOrigin = allowed;
            if (_credentials)
            {
                answer.AccessControlAllowCredentials = True;
            }

            // A configured "*" is answered with what was asked for: always valid, and the only valid answer with
            // credentials, where browsers read "*" literally.
            if (_anyMethod)
            {
                answer.AccessControlAllowMethods = headers.AccessControlRequestMethod;
            }
            else if (_methods.Count != 0)
            {
                answer.AccessControlAllowMethods = _methods;
            }

            if (_anyHeader)
            {
                if (headers.AccessControlRequestHeaders.Count != 0)
                {
                    answer.AccessControlAllowHeaders = headers.AccessControlRequestHeaders;
                }
            }
            else if (_headers.Count != 0)
            {
                answer.AccessControlAllowHeaders = _headers;
            }

            if (_anyExpose)
            {
                if (!_credentials)
                {
                    answer.AccessControlExposeHeaders = Star;
                }
            }
            else if (_expose.Count != 0)
            {
                answer.AccessControlExposeHeaders = _expose;
            }

            if (_maxAge.Count != 0)
            {
                answer.AccessControlMaxAge = _maxAge;
            }
        }

        if (_preflightVary.Count != 0)
        {
            answer.Vary = _preflightVary;
        }

        response.ContentLength = 0;
        return true;
    }

    private void ApplyGateway(HttpContext context)
    {
        var headers = context.Response.Headers;
        foreach (var name in CorsResponseHeaders)
        {
            headers.Remove(name);
        }

        if (TryAllowGateway(context.Request.Headers.Origin, out var allowed))
        {
            headers.AccessControlAllowOrigin = allowed;
            if (_credentials)
            {
                headers.AccessControlAllowCredentials = True;
            }

            if (_anyExpose)
            {
                // With credentials "*" is read literally, so the response's own header names are listed instead.
                var expose = _credentials ? ExposeAll(headers) : Star;
                if (expose.Count != 0)
                {
                    headers.AccessControlExposeHeaders = expose;
                }
            }
            else if (_expose.Count != 0)
            {
                headers.AccessControlExposeHeaders = _expose;
            }
        }

        if (VariesByOrigin)
        {
            AppendVary(headers, Origin);
        }
    }

    private bool TryAllowGateway(StringValues origin, out StringValues allowed)
    {
        allowed = default;
        if (origin.Count != 1 || string.IsNullOrEmpty(origin[0]))
        {
            return false;
        }

        if (_anyOrigin)
        {
            // With credentials the origin is echoed: browsers refuse "*" on a credentialed response.
            allowed = _credentials ? origin : Star;
            return true;
        }

        if (!CorsOrigin.TryParse(origin[0], out var parsed))
        {
            return false;
        }

        foreach (var pattern in _origins)
        {
            if (pattern.IsMatch(parsed))
            {
                allowed = origin;
                return true;
            }
        }

        return false;
    }

    private static StringValues ExposeAll(IHeaderDictionary headers)
    {
        var names = new StringBuilder();
        foreach (var (name, _) in headers)
        {
            if (NotExposed.Contains(name) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            names.Append(names.Length == 0 ? string.Empty : ", ").Append(name);
        }

        return names.Length == 0 ? StringValues.Empty : new StringValues(names.ToString());
    }

    private StringValues PreflightVary()
    {
        if (_mode != CorsMode.GatewayApi)
        {
            return StringValues.Empty;
        }

        var names = new List<string>(3);
        if (VariesByOrigin)
        {
            names.Add(HeaderNames.Origin);
        }

        if (_anyMethod)
        {
            names.Add(HeaderNames.AccessControlRequestMethod);
        }

        if (_anyHeader)
        {
            names.Add(HeaderNames.AccessControlRequestHeaders);
        }

        return names.Count == 0 ? StringValues.Empty : new StringValues(string.Join(", ", names));
    }
}
