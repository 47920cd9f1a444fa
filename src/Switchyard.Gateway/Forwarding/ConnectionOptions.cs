using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// RFC 9110 §7.6.1: before forwarding, an intermediary removes every field the received Connection header names.
/// YARP drops the standard hop-by-hop fields (Connection, Keep-Alive, TE, Upgrade, ...) but not the nominated ones.
/// Allocates only when a message names a field other than the standard options.
/// </summary>
internal static class ConnectionOptions
{
    // HttpRequestMessage keeps these on its Content; HttpRequestHeaders throws if asked to remove them.
    private static readonly FrozenSet<string> ContentHeaders = new[]
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Removes from the outgoing request the fields named by the client's Connection header.</summary>
    public static void RemoveNominated(StringValues connection, HttpRequestMessage request)
    {
        for (var i = 0; i < connection.Count; i++)
        {
            var value = connection[i];
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim(" \t");
                if (!IsNominatedField(token))
                {
                    continue;
                }

                var name = new string(token);
                if (ContentHeaders.Contains(name))
                {
                    request.Content?.Headers.Remove(name);
                }
                else
                {
                    request.Headers.Remove(name);
                }
            }
        }
    }

    /// <summary>Removes from the client's response the fields named by the backend's Connection header.</summary>
    public static void RemoveNominated(HttpResponseMessage response, IHeaderDictionary target)
    {
        if (!response.Headers.NonValidated.TryGetValues("Connection", out var connection))
        {
            return;
        }

        foreach (var value in connection)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim(" \t");
                if (IsNominatedField(token))
                {
                    target.Remove(new string(token));
                }
            }
        }
    }

    /// <summary>
    /// A valid field name other than the options YARP handles itself: keep-alive and close (connection management),
    /// upgrade (WebSockets and h2c need it kept until YARP decides), TE (gRPC's "TE: trailers").
    /// </summary>
    private static bool IsNominatedField(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty
            || token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
            || token.Equals("close", StringComparison.OrdinalIgnoreCase)
            || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase)
            || token.Equals("te", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // RFC 9110 §5.6.2 token characters; anything else cannot name a field (and would make the header API throw).
        foreach (var c in token)
        {
            if (c > 0x7e || !(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}
