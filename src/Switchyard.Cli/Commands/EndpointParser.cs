using System.Net;

namespace Switchyard.Cli.Commands;

/// <summary>Parses <c>ADDR:PORT</c> (IPv6 as <c>[::1]:PORT</c>).</summary>
internal static class EndpointParser
{
    public static bool TryParse(string? text, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (IPEndPoint.TryParse(text, out var parsed) && text.Contains(':', StringComparison.Ordinal) && (text.StartsWith('[') || text.Count(c => c == ':') == 1))
        {
            endpoint = parsed;
            return true;
        }

        return false;
    }
}
