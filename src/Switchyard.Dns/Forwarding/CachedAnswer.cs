namespace Switchyard.Dns.Forwarding;

/// <summary>
/// An upstream response kept for reuse: the message without its OPT record, where each TTL field sits, when it was
/// stored and until when it may be served.
/// </summary>
internal sealed class CachedAnswer
{
    public CachedAnswer(byte[] message, int[] ttlOffsets, int questionNameLength, DateTimeOffset stored, DateTimeOffset expires)
    {
        Message = message;
        TtlOffsets = ttlOffsets;
        QuestionNameLength = questionNameLength;
        Stored = stored;
        Expires = expires;
    }

    public byte[] Message { get; }

    public int[] TtlOffsets { get; }

    public int QuestionNameLength { get; }

    public DateTimeOffset Stored { get; }

    public DateTimeOffset Expires { get; }
}
