namespace Switchyard.Dns;

internal static class DnsServerLimits
{
    /// <summary>Receive buffer for UDP queries: anything larger is cut by the socket and then fails to parse (FORMERR).</summary>
    public const int MaxUdpQuery = 4096;

    /// <summary>Largest TCP message (two-byte length prefix, RFC 1035 §4.2.2).</summary>
    public const int MaxTcpMessage = 65535;
}
