namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>How the request body is framed upstream.</summary>
internal enum Http1RequestBody
{
    /// <summary>No body (the client sent none).</summary>
    None,

    /// <summary>The client's Content-Length, body streamed as is.</summary>
    ContentLength,

    /// <summary>Chunked (the client's body had no declared length), re-framed as it streams.</summary>
    Chunked,
}
