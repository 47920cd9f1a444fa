namespace Switchyard.Dns.Protocol;

/// <summary>The fixed 12-byte message header (RFC 1035 §4.1.1).</summary>
public struct DnsHeader
{
    public const ushort FlagResponse = 0x8000;
    public const ushort FlagAuthoritative = 0x0400;
    public const ushort FlagTruncated = 0x0200;
    public const ushort FlagRecursionDesired = 0x0100;
    public const ushort FlagRecursionAvailable = 0x0080;
    public const ushort FlagAuthenticData = 0x0020;
    public const ushort FlagCheckingDisabled = 0x0010;

    public ushort Id;
    public ushort Flags;
    public ushort QuestionCount;
    public ushort AnswerCount;
    public ushort AuthorityCount;
    public ushort AdditionalCount;

    public readonly bool IsResponse => (Flags & FlagResponse) != 0;

    public readonly DnsOpcode Opcode => (DnsOpcode)((Flags >> 11) & 0xF);

    /// <summary>The low four bits of the RCODE (the rest lives in the OPT record, RFC 6891 §6.1.3).</summary>
    public readonly int Rcode => Flags & 0xF;

    public readonly bool RecursionDesired => (Flags & FlagRecursionDesired) != 0;

    public readonly bool Truncated => (Flags & FlagTruncated) != 0;

    /// <summary>Response flags: QR set, the query's opcode and RD kept, the rest as given.</summary>
    public static ushort ResponseFlags(ushort queryFlags, bool authoritative, bool recursionAvailable, DnsRcode rcode)
    {
        var flags = (ushort)(FlagResponse | (queryFlags & 0x7800) | (queryFlags & FlagRecursionDesired) | ((ushort)rcode & 0xF));
        if (authoritative)
        {
            flags |= FlagAuthoritative;
        }

        if (recursionAvailable)
        {
            flags |= FlagRecursionAvailable;
        }

        return flags;
    }
}
