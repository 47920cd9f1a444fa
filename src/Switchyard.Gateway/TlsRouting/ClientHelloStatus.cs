namespace Switchyard.Gateway.TlsRouting;

/// <summary>The outcome of <see cref="ClientHelloParser.Parse"/> over the bytes received so far.</summary>
internal enum ClientHelloStatus
{
    /// <summary>A prefix of what may be a valid ClientHello: read more.</summary>
    NeedMoreData,

    /// <summary>A whole, well-formed ClientHello.</summary>
    Complete,

    /// <summary>Not a ClientHello, malformed, or too large: close the connection.</summary>
    Invalid,
}
