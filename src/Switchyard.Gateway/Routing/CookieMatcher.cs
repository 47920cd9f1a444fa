using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Switchyard.Ir;

namespace Switchyard.Gateway.Routing;

/// <summary>
/// One cookie condition, read from the <c>Cookie</c> request header(s) without allocating. The name compares exactly;
/// when a cookie is sent twice only its first occurrence counts (as nginx's <c>$cookie_NAME</c>). The value is
/// compared as sent (quotes included).
/// </summary>
internal sealed class CookieMatcher(string name, ValueMatcher value)
{
    public string Name { get; } = name;

    public static CookieMatcher Create(StringMatch match, ICollection<string> problems) =>
        new(match.Name, ValueMatcher.Create(match, problems));

    public bool IsMatch(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(HeaderNames.Cookie, out StringValues values))
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (TryFind(values[i], Name, out var found))
            {
                return value.IsMatch(found);
            }
        }

        return false;
    }

    /// <summary>Finds the first cookie called <paramref name="cookieName"/> in one <c>Cookie</c> header value.</summary>
    public static bool TryFind(ReadOnlySpan<char> header, string cookieName, out ReadOnlySpan<char> cookieValue)
    {
        while (!header.IsEmpty)
        {
            var semicolon = header.IndexOf(';');
            var pair = semicolon < 0 ? header : header[..semicolon];
            header = semicolon < 0 ? default : header[(semicolon + 1)..];
            pair = pair.Trim(' ');
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            if (pair[..eq].Trim(' ').SequenceEqual(cookieName))
            {
                cookieValue = pair[(eq + 1)..].Trim(' ');
                return true;
            }
        }

        cookieValue = default;
        return false;
    }
}
