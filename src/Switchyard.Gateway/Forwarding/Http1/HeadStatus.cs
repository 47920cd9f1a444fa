namespace Switchyard.Gateway.Forwarding.Http1;

internal enum HeadStatus
{
    /// <summary>The final response head was applied to the client response.</summary>
    Complete,

    /// <summary>A 1xx interim response was read and skipped.</summary>
    Informational,

    /// <summary>More bytes are needed.</summary>
    NeedMore,

    /// <summary>The head is not valid HTTP/1.1 (answered 502).</summary>
    Invalid,
}
