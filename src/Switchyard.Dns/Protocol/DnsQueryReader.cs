namespace Switchyard.Dns.Protocol;

/// <summary>What became of a query message once parsed.</summary>
public enum DnsQueryStatus
{
    /// <summary>One well-formed question; answer it.</summary>
    Ok,

    /// <summary>Not a query we may answer (shorter than a header, or a response): send nothing (RFC 1035 §7.3, no reflection loops).</summary>
    Drop,

    /// <summary>Malformed: answer FORMERR (RFC 1035 §4.1.1).</summary>
    FormErr,

    /// <summary>An opcode other than QUERY: answer NOTIMP (RFC 1035 §4.1.1).</summary>
    NotImp,

    /// <summary>An EDNS version other than 0: answer BADVERS (RFC 6891 §6.1.3).</summary>
    BadVers,
}

/// <summary>A parsed query: the header, the one question, and EDNS.</summary>
public struct DnsQuery
{
    public DnsHeader Header;

    /// <summary>Length of the uncompressed question name in the caller's buffer.</summary>
    public int NameLength;

    public ushort Type;

    public ushort Class;

    public EdnsInfo Edns;
}

/// <summary>Parses query messages (RFC 1035 §4.1, RFC 6891 §6.1.1) without allocating.</summary>
public static class DnsQueryReader
{
    /// <summary>
    /// Parses a query. The question name goes into <paramref name="name"/> (at least 255 bytes), uncompressed and with
    /// its case as sent. Every record after the question is walked, so lying counts, truncated records and bad OPT
    /// records are caught here; an OPT anywhere but the additional section, or twice, is FORMERR (RFC 6891 §6.1.1).
    /// </summary>
    public static DnsQueryStatus TryParse(ReadOnlySpan<byte> message, Span<byte> name, out DnsQuery query)
    {
        query = default;
        if (!DnsWire.TryReadHeader(message, out query.Header) || query.Header.IsResponse)
        {
            return DnsQueryStatus.Drop;
        }

        if (query.Header.Opcode != DnsOpcode.Query)
        {
            return DnsQueryStatus.NotImp;
        }

        if (query.Header.QuestionCount != 1 || query.Header.Truncated)
        {
            return DnsQueryStatus.FormErr;
        }

        if (!DnsWire.TryReadQuestion(message, DnsConstants.HeaderLength, name, out query.NameLength, out query.Type, out query.Class, out var position))
        {
            return DnsQueryStatus.FormErr;
        }

        var records = query.Header.AnswerCount + query.Header.AuthorityCount + query.Header.AdditionalCount;
        var additionalStart = query.Header.AnswerCount + query.Header.AuthorityCount;
        for (var i = 0; i < records; i++)
        {
            var ownerStart = position;
            if (!DnsWire.TrySkipName(message, position, out position)
                || !DnsWire.TryReadRecordFields(message, position, out var type, out var @class, out var ttl, out var rdataOffset, out var rdataLength, out position))
            {
                return DnsQueryStatus.FormErr;
            }

            if (type != DnsConstants.TypeOpt)
            {
                continue;
            }

            // OPT: additional section only, once, owned by the root (RFC 6891 §6.1.1).
            if (i < additionalStart || query.Edns.Present || message[ownerStart] != 0
                || !DnsWire.TryValidateOptOptions(message.Slice(rdataOffset, rdataLength)))
            {
                return DnsQueryStatus.FormErr;
            }

            query.Edns = DnsWire.ReadOpt(@class, ttl);
        }

        if (position != message.Length)
        {
            // Trailing bytes after the last counted record: the counts lie.
            return DnsQueryStatus.FormErr;
        }

        if (query.Type is DnsConstants.TypeOpt)
        {
            return DnsQueryStatus.FormErr;
        }

        return query.Edns.Present && query.Edns.Version != 0 ? DnsQueryStatus.BadVers : DnsQueryStatus.Ok;
    }
}
