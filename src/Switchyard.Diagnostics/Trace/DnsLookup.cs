using System.Net;
using Switchyard.Dns;
using Switchyard.Dns.Protocol;
using Switchyard.Ir.Dns;

namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// Asks the cluster DNS exactly as a client would: a query message on the wire, answered by
/// <see cref="DnsResponder"/> from the <see cref="DnsView"/> the DNS server serves, then the response decoded. No
/// second resolver: what trace reports is what the server answers.
/// </summary>
internal sealed class DnsLookup(DnsView view)
{
    // The server forwards names outside its zones when it has an upstream; trace reports them as such.
    private static readonly DnsResponderOptions Options = new(MaxUdpPayload: 1232, RecursionAvailable: true);

    public DnsAnswer Query(string name, DnsRecordType type)
    {
        var query = new byte[DnsConstants.HeaderLength + DnsConstants.MaxNameLength + 4];
        DnsWire.TryWriteHeader(query, new DnsHeader { Id = 0x5359, Flags = DnsHeader.FlagRecursionDesired, QuestionCount = 1 });
        Span<byte> wireName = stackalloc byte[DnsConstants.MaxNameLength];
        if (!DnsWire.TryEncodeName(name, wireName, out var nameLength))
        {
            return new DnsAnswer("invalid name", [], []);
        }

        DnsWire.TryWriteQuestion(query.AsSpan(DnsConstants.HeaderLength), wireName[..nameLength], (ushort)type, DnsConstants.ClassIn, out var questionLength);
        var response = new byte[DnsConstants.MaxTcpMessage];
        var length = DnsResponder.Respond(view, query.AsSpan(0, DnsConstants.HeaderLength + questionLength), response, tcp: true, Options, out var result);
        if (result.Disposition == DnsDisposition.Forward)
        {
            return new DnsAnswer("upstream", [], []);
        }

        return Decode(response.AsSpan(0, length), result.ChaseOffset != 0);
    }

    private static DnsAnswer Decode(ReadOnlySpan<byte> message, bool chasedOutside)
    {
        if (!DnsWire.TryReadHeader(message, out var header))
        {
            return new DnsAnswer("no answer", [], []);
        }

        var rcode = (DnsRcode)header.Rcode;
        Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
        var offset = DnsConstants.HeaderLength;
        for (var i = 0; i < header.QuestionCount; i++)
        {
            if (!DnsWire.TryReadQuestion(message, offset, name, out _, out _, out _, out offset))
            {
                return new DnsAnswer("malformed answer", [], []);
            }
        }

        var records = new List<string>();
        var addresses = new List<string>();
        string? lastCname = null;
        for (var i = 0; i < header.AnswerCount; i++)
        {
            if (!DnsWire.TryReadName(message, offset, name, out _, out var fields)
                || !DnsWire.TryReadRecordFields(message, fields, out var type, out _, out _, out var rdata, out var rdataLength, out offset))
            {
                break;
            }

            switch ((DnsRecordType)type)
            {
                case DnsRecordType.A when rdataLength == 4:
                case DnsRecordType.AAAA when rdataLength == 16:
                    var address = new IPAddress(message.Slice(rdata, rdataLength)).ToString();
                    addresses.Add(address);
                    records.Add(string.Concat(((DnsRecordType)type).ToString(), " ", address));
                    break;
                case DnsRecordType.CNAME when DnsWire.TryReadName(message, rdata, name, out var targetLength, out _):
                    lastCname = DnsWire.FormatName(name[..targetLength]);
                    records.Add("CNAME " + lastCname);
                    break;
                default:
                    records.Add(((DnsRecordType)type).ToString());
                    break;
            }
        }

        var outcome = rcode switch
        {
            DnsRcode.NoError => addresses.Count > 0 || lastCname is not null ? "NOERROR" : "NODATA",
            DnsRcode.NXDomain => "NXDOMAIN",
            _ => rcode.ToString().ToUpperInvariant(),
        };
        return new DnsAnswer(outcome, records, addresses) { ExternalTarget = chasedOutside ? lastCname : null };
    }
}
