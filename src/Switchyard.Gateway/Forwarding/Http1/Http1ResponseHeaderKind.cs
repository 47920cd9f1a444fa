namespace Switchyard.Gateway.Forwarding.Http1;

internal enum Http1ResponseHeaderKind
{
    /// <summary>Copied to the client.</summary>
    Forwarded,

    ContentLength,

    TransferEncoding,

    Connection,

    /// <summary>Hop-by-hop: dropped.</summary>
    Dropped,
}
