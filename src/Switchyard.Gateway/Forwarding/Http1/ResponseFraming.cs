namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>How the response body is delimited (RFC 9112 §6.3).</summary>
internal enum ResponseFraming
{
    /// <summary>No body: HEAD, 1xx, 204, 304, or Content-Length 0.</summary>
    None,

    ContentLength,

    Chunked,

    /// <summary>Until the backend closes the connection.</summary>
    Close,
}
