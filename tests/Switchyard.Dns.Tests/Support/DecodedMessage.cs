using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.Tests.Support;

/// <summary>A response decoded into zone-file lines per section, for assertions. Test code: allocates freely.</summary>
internal sealed class DecodedMessage
{
    public DnsHeader Header { get; private init; }

    public string Question { get; private init; } = string.Empty;

    public List<string> Answers { get; } = [];

    public List<string> Authority { get; } = [];

    public List<string> Additional { get; } = [];

    public EdnsInfo Edns { get; private set; }

    public int Rcode => Header.Rcode | (Edns.ExtendedRcode << 4);

    public bool Authoritative => (Header.Flags & DnsHeader.FlagAuthoritative) != 0;

    public bool Truncated => Header.Truncated;

    public static DecodedMessage Parse(ReadOnlySpan<byte> message)
    {
        Assert.True(DnsWire.TryReadHeader(message, out var header), "response shorter than a header");
        var name = new byte[255];
        var position = DnsConstants.HeaderLength;
        var question = string.Empty;
        for (var i = 0; i < header.QuestionCount; i++)
        {
            Assert.True(DnsWire.TryReadQuestion(message, position, name, out var length, out var type, out var @class, out position), "bad question");
            question = $"{DnsWire.FormatName(name.AsSpan(0, length))} {@class} {TypeName(type)}";
        }

        var result = new DecodedMessage { Header = header, Question = question };
        var sections = new[] { (result.Answers, (int)header.AnswerCount), (result.Authority, header.AuthorityCount), (result.Additional, header.AdditionalCount) };
        foreach (var (list, count) in sections)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(DnsWire.TryReadName(message, position, name, out var length, out position), "bad owner name");
                Assert.True(DnsWire.TryReadRecordFields(message, position, out var type, out var @class, out var ttl, out var rdata, out var rdLength, out position), "bad record");
                if (type == DnsConstants.TypeOpt)
                {
                    result.Edns = DnsWire.ReadOpt(@class, ttl);
                    continue;
                }

                Assert.Equal(DnsConstants.ClassIn, @class);
                var owner = DnsWire.FormatName(name.AsSpan(0, length));
                list.Add($"{owner} {ttl} IN {TypeName(type)} {FormatRdata(message, type, rdata, rdLength)}");
            }
        }

        Assert.Equal(message.Length, position);
        return result;
    }

    public static string TypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        255 => "ANY",
        _ => "TYPE" + type.ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatRdata(ReadOnlySpan<byte> message, ushort type, int offset, int length)
    {
        var rdata = message.Slice(offset, length);
        var bytes = message.ToArray();
        string Name(int at, out int next)
        {
            var name = new byte[255];
            Assert.True(DnsWire.TryReadName(bytes, at, name, out var nameLength, out next), "bad RDATA name");
            return DnsWire.FormatName(name.AsSpan(0, nameLength));
        }

        switch (type)
        {
            case 1:
            case 28:
                return new IPAddress(rdata).ToString();
            case 2:
            case 5:
            case 12:
                {
                    var text = Name(offset, out var end);
                    Assert.Equal(offset + length, end);
                    return text;
                }

            case 33:
                {
                    var text = string.Create(CultureInfo.InvariantCulture, $"{BinaryPrimitives.ReadUInt16BigEndian(rdata)} {BinaryPrimitives.ReadUInt16BigEndian(rdata[2..])} {BinaryPrimitives.ReadUInt16BigEndian(rdata[4..])} {Name(offset + 6, out var end)}");
                    Assert.Equal(offset + length, end);
                    return text;
                }

            case 6:
                {
                    var mname = Name(offset, out var next);
                    var rname = Name(next, out next);
                    var numbers = message[next..(offset + length)];
                    Assert.Equal(20, numbers.Length);
                    return string.Create(CultureInfo.InvariantCulture, $"{mname} {rname} {BinaryPrimitives.ReadUInt32BigEndian(numbers)} {BinaryPrimitives.ReadUInt32BigEndian(numbers[4..])} {BinaryPrimitives.ReadUInt32BigEndian(numbers[8..])} {BinaryPrimitives.ReadUInt32BigEndian(numbers[12..])} {BinaryPrimitives.ReadUInt32BigEndian(numbers[16..])}");
                }

            case 16:
                {
                    var sb = new StringBuilder();
                    var at = 0;
                    while (at < rdata.Length)
                    {
                        var n = rdata[at];
                        sb.Append(sb.Length > 0 ? " \"" : "\"").Append(Encoding.UTF8.GetString(rdata.Slice(at + 1, n))).Append('"');
                        at += 1 + n;
                    }

                    return sb.ToString();
                }

            default:
                return Convert.ToHexString(rdata);
        }
    }
}
