using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Switchyard.Dns.Protocol;

/// <summary>
/// The DNS wire format over spans: every reader returns false instead of throwing on short or malformed input, every
/// writer returns false when the destination is too small. Nothing here allocates.
/// </summary>
public static class DnsWire
{
    /// <summary>Reads the 12-byte header (RFC 1035 §4.1.1).</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> message, out DnsHeader header)
    {
        header = default;
        if (message.Length < DnsConstants.HeaderLength)
        {
            return false;
        }

        header.Id = BinaryPrimitives.ReadUInt16BigEndian(message);
        header.Flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        header.QuestionCount = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        header.AnswerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        header.AuthorityCount = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        header.AdditionalCount = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        return true;
    }

    /// <summary>Writes the 12-byte header (RFC 1035 §4.1.1).</summary>
    public static bool TryWriteHeader(Span<byte> destination, in DnsHeader header)
    {
        if (destination.Length < DnsConstants.HeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, header.Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.Flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], header.QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], header.AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], header.AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], header.AdditionalCount);
        return true;
    }

    /// <summary>
    /// Reads a domain name at <paramref name="offset"/> (RFC 1035 §3.1 labels, §4.1.4 compression) into
    /// <paramref name="destination"/> as an uncompressed wire name, keeping the case of every byte. A pointer must point
    /// strictly before the place it was read from, which makes loops impossible; labels of the reserved types 01 and 10
    /// (RFC 6891 §5) and names over 255 bytes are refused. <paramref name="next"/> is the offset after the name where
    /// it starts (after the first pointer when compressed).
    /// </summary>
    public static bool TryReadName(ReadOnlySpan<byte> message, int offset, Span<byte> destination, out int nameLength, out int next)
    {
        nameLength = 0;
        next = 0;
        var position = offset;
        var lowestJump = offset;
        var jumped = false;
        while (true)
        {
            if ((uint)position >= (uint)message.Length)
            {
                return false;
            }

            var length = message[position];
            switch (length & 0xC0)
            {
                case 0x00:
                    if (length == 0)
                    {
                        if (nameLength + 1 > DnsConstants.MaxNameLength || destination.Length < nameLength + 1)
                        {
                            return false;
                        }

                        destination[nameLength++] = 0;
                        if (!jumped)
                        {
                            next = position + 1;
                        }

                        return true;
                    }

                    if (position + 1 + length > message.Length || nameLength + 1 + length + 1 > DnsConstants.MaxNameLength
                        || destination.Length < nameLength + 1 + length)
                    {
                        return false;
                    }

                    message.Slice(position, 1 + length).CopyTo(destination[nameLength..]);
                    nameLength += 1 + length;
                    position += 1 + length;
                    break;

                case 0xC0:
                    if (position + 2 > message.Length)
                    {
                        return false;
                    }

                    var target = BinaryPrimitives.ReadUInt16BigEndian(message[position..]) & DnsConstants.MaxPointerOffset;
                    if (target >= lowestJump)
                    {
                        return false;
                    }

                    if (!jumped)
                    {
                        next = position + 2;
                        jumped = true;
                    }

                    lowestJump = target;
                    position = target;
                    break;

                default:
                    return false;
            }
        }
    }

    /// <summary>Finds the end of a name without following pointers (RFC 1035 §4.1.4): a label sequence ending in a zero byte or a pointer.</summary>
    public static bool TrySkipName(ReadOnlySpan<byte> message, int offset, out int next)
    {
        next = 0;
        var position = offset;
        var total = 0;
        while (true)
        {
            if ((uint)position >= (uint)message.Length)
            {
                return false;
            }

            var length = message[position];
            switch (length & 0xC0)
            {
                case 0x00:
                    if (length == 0)
                    {
                        next = position + 1;
                        return true;
                    }

                    total += 1 + length;
                    if (total + 1 > DnsConstants.MaxNameLength)
                    {
                        return false;
                    }

                    position += 1 + length;
                    break;
                case 0xC0:
                    if (position + 2 > message.Length)
                    {
                        return false;
                    }

                    next = position + 2;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Reads one question entry (RFC 1035 §4.1.2): QNAME into <paramref name="name"/>, then QTYPE and QCLASS.</summary>
    public static bool TryReadQuestion(ReadOnlySpan<byte> message, int offset, Span<byte> name, out int nameLength, out ushort type, out ushort @class, out int next)
    {
        type = 0;
        @class = 0;
        if (!TryReadName(message, offset, name, out nameLength, out next) || next + 4 > message.Length)
        {
            return false;
        }

        type = BinaryPrimitives.ReadUInt16BigEndian(message[next..]);
        @class = BinaryPrimitives.ReadUInt16BigEndian(message[(next + 2)..]);
        next += 4;
        return true;
    }

    /// <summary>
    /// Reads the fixed part of a resource record after its name (RFC 1035 §4.1.3) and checks that RDATA fits in the
    /// message. <paramref name="next"/> is the offset after RDATA.
    /// </summary>
    public static bool TryReadRecordFields(ReadOnlySpan<byte> message, int offset, out ushort type, out ushort @class, out uint ttl, out int rdataOffset, out int rdataLength, out int next)
    {
        type = 0;
        @class = 0;
        ttl = 0;
        rdataOffset = 0;
        rdataLength = 0;
        next = 0;
        if (offset < 0 || offset + 10 > message.Length)
        {
            return false;
        }

        type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        @class = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
        ttl = BinaryPrimitives.ReadUInt32BigEndian(message[(offset + 4)..]);
        rdataLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 8)..]);
        rdataOffset = offset + 10;
        next = rdataOffset + rdataLength;
        return next <= message.Length;
    }

    /// <summary>Reads the OPT pseudo-record's fixed fields (RFC 6891 §6.1.2–6.1.3) from a record's CLASS and TTL.</summary>
    public static EdnsInfo ReadOpt(ushort @class, uint ttl) => new()
    {
        Present = true,
        UdpPayloadSize = @class,
        ExtendedRcode = (byte)(ttl >> 24),
        Version = (byte)(ttl >> 16),
        DnssecOk = (ttl & 0x8000) != 0,
    };

    /// <summary>Reads the OPT options in RDATA (RFC 6891 §6.1.2): each is CODE, LENGTH, DATA and must fit exactly.</summary>
    public static bool TryValidateOptOptions(ReadOnlySpan<byte> rdata)
    {
        var position = 0;
        while (position < rdata.Length)
        {
            if (position + 4 > rdata.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(rdata[(position + 2)..]);
            position += 4 + length;
        }

        return position == rdata.Length;
    }

    /// <summary>Writes a big-endian 16-bit value (RFC 1035 §2.3.2 network order).</summary>
    public static bool TryWriteUInt16(Span<byte> destination, ushort value) => BinaryPrimitives.TryWriteUInt16BigEndian(destination, value);

    /// <summary>Writes a big-endian 32-bit value (RFC 1035 §2.3.2 network order).</summary>
    public static bool TryWriteUInt32(Span<byte> destination, uint value) => BinaryPrimitives.TryWriteUInt32BigEndian(destination, value);

    /// <summary>Writes a compression pointer to <paramref name="target"/> (RFC 1035 §4.1.4).</summary>
    public static bool TryWritePointer(Span<byte> destination, int target) =>
        (uint)target <= DnsConstants.MaxPointerOffset && BinaryPrimitives.TryWriteUInt16BigEndian(destination, (ushort)(0xC000 | target));

    /// <summary>Writes a question entry (RFC 1035 §4.1.2) from an uncompressed wire name.</summary>
    public static bool TryWriteQuestion(Span<byte> destination, ReadOnlySpan<byte> name, ushort type, ushort @class, out int written)
    {
        written = 0;
        if (destination.Length < name.Length + 4)
        {
            return false;
        }

        name.CopyTo(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[name.Length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(name.Length + 2)..], @class);
        written = name.Length + 4;
        return true;
    }

    /// <summary>
    /// Writes an OPT pseudo-record without options (RFC 6891 §6.1.2): root owner, TYPE 41, CLASS = our UDP payload
    /// size, TTL = extended RCODE, version, DO bit.
    /// </summary>
    public static bool TryWriteOpt(Span<byte> destination, ushort udpPayloadSize, byte extendedRcode, bool dnssecOk, out int written)
    {
        written = 0;
        if (destination.Length < DnsConstants.OptRecordLength)
        {
            return false;
        }

        destination[0] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], DnsConstants.TypeOpt);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], udpPayloadSize);
        var ttl = ((uint)extendedRcode << 24) | (dnssecOk ? 0x8000u : 0u);
        BinaryPrimitives.WriteUInt32BigEndian(destination[5..], ttl);
        BinaryPrimitives.WriteUInt16BigEndian(destination[9..], 0);
        written = DnsConstants.OptRecordLength;
        return true;
    }

    /// <summary>
    /// Encodes a name in text form (<c>web.default.svc.cluster.local.</c>, relative names are taken as absolute) into
    /// uncompressed wire form (RFC 1035 §3.1). No escapes: labels are plain bytes.
    /// </summary>
    public static bool TryEncodeName(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.Length > 0 && text[^1] == '.')
        {
            text = text[..^1];
        }

        var position = 0;
        while (text.Length > 0)
        {
            var dot = text.IndexOf('.');
            var label = dot < 0 ? text : text[..dot];
            if (label.Length is 0 or > DnsConstants.MaxLabelLength || position + 1 + label.Length + 1 > Math.Min(destination.Length, DnsConstants.MaxNameLength))
            {
                return false;
            }

            destination[position++] = (byte)label.Length;
            foreach (var c in label)
            {
                if (c > 0x7F)
                {
                    return false;
                }

                destination[position++] = (byte)c;
            }

            text = dot < 0 ? [] : text[(dot + 1)..];
        }

        if (position >= destination.Length)
        {
            return false;
        }

        destination[position++] = 0;
        written = position;
        return true;
    }

    /// <summary>Encodes a name into a new array (compile time only), or throws for an invalid one.</summary>
    public static byte[] EncodeName(string text)
    {
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxNameLength];
        if (!TryEncodeName(text, buffer, out var written))
        {
            throw new ArgumentException($"invalid DNS name '{text}'", nameof(text));
        }

        return buffer[..written].ToArray();
    }

    /// <summary>
    /// Writes a wire name as dotted text (<c>web.default.svc.cluster.local.</c>) for table lookups. Returns false when a
    /// label holds a byte other than a letter, digit, '-' or '_' (such a name is in no table), or the buffer is short.
    /// </summary>
    public static bool TryFormatLookupKey(ReadOnlySpan<byte> wireName, Span<char> destination, out int written)
    {
        written = 0;
        var position = 0;
        while (position < wireName.Length)
        {
            int length = wireName[position++];
            if (length == 0)
            {
                break;
            }

            if (position + length > wireName.Length || written + length + 1 > destination.Length)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                var b = wireName[position + i];
                if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_'))
                {
                    return false;
                }

                destination[written++] = (char)b;
            }

            destination[written++] = '.';
            position += length;
        }

        if (written == 0)
        {
            if (destination.Length == 0)
            {
                return false;
            }

            destination[written++] = '.';
        }

        return true;
    }

    /// <summary>Dotted text of a wire name for logs and tests (allocates; not for the query path). Odd bytes are escaped \DDD.</summary>
    public static string FormatName(ReadOnlySpan<byte> wireName)
    {
        var sb = new System.Text.StringBuilder();
        var position = 0;
        while (position < wireName.Length)
        {
            int length = wireName[position++];
            if (length == 0 || position + length > wireName.Length)
            {
                break;
            }

            foreach (var b in wireName.Slice(position, length))
            {
                if (b is (byte)'.' or (byte)'\\' || b <= 0x20 || b >= 0x7F)
                {
                    sb.Append('\\').Append(((int)b).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append((char)b);
                }
            }

            sb.Append('.');
            position += length;
        }

        return sb.Length == 0 ? "." : sb.ToString();
    }

    /// <summary>Number of bytes of a wire name (up to and including the root byte), or -1 when malformed.</summary>
    public static int NameLength(ReadOnlySpan<byte> wireName)
    {
        var position = 0;
        while (position < wireName.Length)
        {
            int length = wireName[position];
            if (length == 0)
            {
                return position + 1;
            }

            if (length > DnsConstants.MaxLabelLength)
            {
                return -1;
            }

            position += 1 + length;
        }

        return -1;
    }

    /// <summary>Writes address RDATA: 4 bytes for A (RFC 1035 §3.4.1), 16 for AAAA (RFC 3596 §2.2).</summary>
    public static bool TryWriteAddress(Span<byte> destination, IPAddress address, out int written)
    {
        written = 0;
        if (!address.TryWriteBytes(destination, out written))
        {
            return false;
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }
}
