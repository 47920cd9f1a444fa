namespace Switchyard.Gateway.Forwarding;

internal enum RetryBodyKind
{
    /// <summary>No body: every attempt can be sent.</summary>
    Empty,

    /// <summary>The whole body is in memory: every attempt sends it again.</summary>
    Buffered,

    /// <summary>Too large to buffer: sent once, as it streams, and not retried.</summary>
    Streaming,

    /// <summary>Reading the body failed (client gone, over the limit, badly framed).</summary>
    Failed,
}
