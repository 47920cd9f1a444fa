using System.Buffers;
using System.Buffers.Binary;

namespace Switchyard.Gateway.TlsRouting;

/// <summary>
/// Reads the SNI name from the first bytes a TLS client sends, without terminating TLS. No .NET API exposes this:
/// SslStream only reports the name from inside a handshake it performs itself, and a passthrough listener must hand
/// the untouched bytes to a backend that performs the handshake. So this parser reads the TLS record layer and the
/// ClientHello message itself. It never trusts a length it has not checked against what is there, reassembles a
/// ClientHello split over several records (and over TCP segments: the caller feeds it the bytes read so far), and
/// refuses anything that is not a well-formed ClientHello: such a client gets its connection closed.
/// </summary>
internal static class ClientHelloParser
{
    /// <summary>Largest ClientHello body accepted (real ones are well under 16 KiB, even with post-quantum key shares).</summary>
    public const int MaxHandshakeLength = 64 * 1024;

    /// <summary>
    /// Most bytes buffered while waiting for a ClientHello. A whole one of <see cref="MaxHandshakeLength"/> fits with
    /// room for record headers; a client splitting its hello into so many tiny records that it does not fit is refused
    /// rather than buffered without end.
    /// </summary>
    public const int MaxBufferedLength = 2 * MaxHandshakeLength;

    // RFC 8446 section 5.1: ContentType handshake(22); a record carries at most 2^14 bytes.
    private const byte ContentTypeHandshake = 22;
    private const int RecordHeaderLength = 5;
    private const int MaxRecordLength = 1 << 14;

    // RFC 8446 section 4: msg_type(1) + uint24 length; client_hello(1).
    private const int HandshakeHeaderLength = 4;
    private const byte HandshakeTypeClientHello = 1;

    // RFC 6066 section 3: extension server_name(0), NameType host_name(0); a DNS name is at most 253 characters
    // (255 octets in wire form), and the field may not exceed 2^16-1 bytes anyway.
    private const ushort ExtensionServerName = 0;
    private const byte NameTypeHostName = 0;
    private const int MaxHostNameLength = 253;

    // Browsers send about twenty extensions (GREASE included); far more is not a real client.
    private const int MaxExtensions = 128;

    /// <summary>
    /// Parses <paramref name="data"/>, the bytes received so far. <see cref="ClientHelloStatus.NeedMoreData"/> means read
    /// more and call again with everything; <see cref="ClientHelloStatus.Complete"/> sets <paramref name="serverName"/>
    /// (lower case, without a trailing dot) or leaves it null when the client sent none; on
    /// <see cref="ClientHelloStatus.Invalid"/> <paramref name="error"/> says why, for logs.
    /// </summary>
    public static ClientHelloStatus Parse(ReadOnlySpan<byte> data, out string? serverName, out string? error)
    {
        serverName = null;
        error = null;

        // First pass: walk the records, checking each header, until the handshake message is whole.
        var offset = 0;
        var collected = 0;
        var messageLength = -1;
        var records = 0;
        Span<byte> header = stackalloc byte[HandshakeHeaderLength];
        while (true)
        {
            if (data.Length - offset < RecordHeaderLength)
            {
                // Check what is there already, so that garbage is refused without waiting for more of it.
                return CheckPartialHeader(data[offset..], out error) ? NeedMore(data, out error) : ClientHelloStatus.Invalid;
            }

            var fragmentLength = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset + 3, 2));
            if (!CheckPartialHeader(data.Slice(offset, RecordHeaderLength), out error))
            {
                return ClientHelloStatus.Invalid;
            }

            if (fragmentLength is 0 or > MaxRecordLength)
            {
                // RFC 8446 section 5.1: zero-length handshake fragments are forbidden, longer than 2^14 is an overflow.
                error = fragmentLength == 0 ? "empty handshake record" : "record longer than 2^14 bytes";
                return ClientHelloStatus.Invalid;
            }

            var available = Math.Min(fragmentLength, data.Length - offset - RecordHeaderLength);
            var fragment = data.Slice(offset + RecordHeaderLength, available);
            if (messageLength < 0 && collected + fragment.Length >= HandshakeHeaderLength)
            {
                CopyHandshakeBytes(data, header);
                if (header[0] != HandshakeTypeClientHello)
                {
                    error = "first handshake message is not a ClientHello";
                    return ClientHelloStatus.Invalid;
                }

                messageLength = (header[1] << 16) | (header[2] << 8) | header[3];
                if (messageLength > MaxHandshakeLength)
                {
                    error = "ClientHello too large";
                    return ClientHelloStatus.Invalid;
                }
            }

            collected += fragment.Length;
            records++;
            var wholeRecord = available == fragmentLength;
            var total = messageLength < 0 ? -1 : HandshakeHeaderLength + messageLength;
            if (total >= 0 && collected >= total)
            {
                // Whole message present (a record may go on with later handshake data, which is not ours to check).
                break;
            }

            if (!wholeRecord)
            {
                return NeedMore(data, out error);
            }

            offset += RecordHeaderLength + fragmentLength;
        }

        var length = HandshakeHeaderLength + messageLength;
        if (records == 1)
        {
            return ParseClientHello(data.Slice(RecordHeaderLength + HandshakeHeaderLength, messageLength), out serverName, out error);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var message = rented.AsSpan(0, length);
            CopyHandshakeBytes(data, message);
            return ParseClientHello(message[HandshakeHeaderLength..], out serverName, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ClientHelloStatus NeedMore(ReadOnlySpan<byte> data, out string? error)
    {
        error = data.Length >= MaxBufferedLength ? "ClientHello too large" : null;
        return error is null ? ClientHelloStatus.NeedMoreData : ClientHelloStatus.Invalid;
    }

    /// <summary>Checks the part of a record header that is present: content type handshake, record version 3.x.</summary>
    private static bool CheckPartialHeader(ReadOnlySpan<byte> header, out string? error)
    {
        error = null;
        if (header.Length >= 1 && header[0] != ContentTypeHandshake)
        {
            // Also catches SSL 2.0 ClientHellos (high bit set), which cannot carry SNI.
            error = "not a TLS handshake record";
            return false;
        }

        // legacy_record_version: 0x0301 in most ClientHellos, 0x0300..0x0304 seen in the wild.
        if (header.Length >= 2 && header[1] != 3)
        {
            error = "record version is not 3.x";
            return false;
        }

        if (header.Length >= 3 && header[2] > 4)
        {
            error = "unknown record version";
            return false;
        }

        return true;
    }

    /// <summary>Copies the handshake bytes of consecutive records from the start of <paramref name="data"/>, filling <paramref name="destination"/>.</summary>
    private static void CopyHandshakeBytes(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var offset = 0;
        var written = 0;
        while (written < destination.Length)
        {
            var fragmentLength = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset + 3, 2));
            var fragment = data.Slice(offset + RecordHeaderLength, Math.Min(fragmentLength, data.Length - offset - RecordHeaderLength));
            var take = Math.Min(fragment.Length, destination.Length - written);
            fragment[..take].CopyTo(destination[written..]);
            written += take;
            offset += RecordHeaderLength + fragmentLength;
        }
    }

    /// <summary>The ClientHello body (RFC 8446 section 4.1.2; the TLS 1.2 layout of RFC 5246 section 7.4.1.2 is the same).</summary>
    private static ClientHelloStatus ParseClientHello(ReadOnlySpan<byte> body, out string? serverName, out string? error)
    {
        serverName = null;
        var reader = new SpanReader(body);

        // legacy_version (2), random (32).
        if (!reader.TrySkip(2 + 32))
        {
            error = "ClientHello truncated before the session id";
            return ClientHelloStatus.Invalid;
        }

        // legacy_session_id<0..32>.
        if (!reader.TryReadVector8(out var sessionId) || sessionId.Length > 32)
        {
            error = "bad session id";
            return ClientHelloStatus.Invalid;
        }

        // cipher_suites<2..2^16-2>: pairs of bytes.
        if (!reader.TryReadVector16(out var cipherSuites) || cipherSuites.Length < 2 || cipherSuites.Length % 2 != 0)
        {
            error = "bad cipher suite list";
            return ClientHelloStatus.Invalid;
        }

        // legacy_compression_methods<1..2^8-1>.
        if (!reader.TryReadVector8(out var compression) || compression.Length < 1)
        {
            error = "bad compression method list";
            return ClientHelloStatus.Invalid;
        }

        // Extensions are optional before TLS 1.3 (an SSL 3.0-style hello has none, and so no SNI).
        if (reader.Remaining == 0)
        {
            error = null;
            return ClientHelloStatus.Complete;
        }

        if (!reader.TryReadVector16(out var extensions) || reader.Remaining != 0)
        {
            error = "bad extension block";
            return ClientHelloStatus.Invalid;
        }

        return ParseExtensions(extensions, out serverName, out error);
    }

    private static ClientHelloStatus ParseExtensions(ReadOnlySpan<byte> extensions, out string? serverName, out string? error)
    {
        serverName = null;
        error = null;

        // RFC 8446 section 4.2: no extension type may appear twice. Real hellos carry a few dozen extensions at most.
        Span<ushort> seen = stackalloc ushort[MaxExtensions];
        var count = 0;
        var reader = new SpanReader(extensions);
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadUInt16(out var type) || !reader.TryReadVector16(out var data))
            {
                error = "truncated extension";
                return ClientHelloStatus.Invalid;
            }

            if (count == MaxExtensions)
            {
                error = "too many extensions";
                return ClientHelloStatus.Invalid;
            }

            if (seen[..count].Contains(type))
            {
                error = "repeated extension";
                return ClientHelloStatus.Invalid;
            }

            seen[count++] = type;
            if (type == ExtensionServerName && !TryReadServerName(data, out serverName, out error))
            {
                return ClientHelloStatus.Invalid;
            }
        }

        return ClientHelloStatus.Complete;
    }

    /// <summary>RFC 6066 section 3: ServerNameList, one host_name at most.</summary>
    private static bool TryReadServerName(ReadOnlySpan<byte> data, out string? serverName, out string? error)
    {
        serverName = null;
        error = null;
        var reader = new SpanReader(data);
        if (!reader.TryReadVector16(out var list) || reader.Remaining != 0 || list.Length == 0)
        {
            error = "bad server name list";
            return false;
        }

        var names = new SpanReader(list);
        ReadOnlySpan<byte> hostName = default;
        var found = false;
        while (names.Remaining > 0)
        {
            // Every NameType defined so far carries a 16-bit length prefixed value.
            if (!names.TryReadUInt8(out var nameType) || !names.TryReadVector16(out var name))
            {
                error = "truncated server name";
                return false;
            }

            if (nameType != NameTypeHostName)
            {
                continue;
            }

            if (found)
            {
                error = "more than one host name";
                return false;
            }

            found = true;
            hostName = name;
        }

        if (!found)
        {
            return true;
        }

        // ASCII without a trailing dot (RFC 6066); one trailing dot is forgiven, as resolvers forgive it.
        if (hostName.Length > 1 && hostName[^1] == (byte)'.')
        {
            hostName = hostName[..^1];
        }

        if (hostName.Length is 0 or > MaxHostNameLength || hostName[0] == (byte)'.' || hostName[^1] == (byte)'.')
        {
            error = "bad host name length";
            return false;
        }

        Span<char> chars = stackalloc char[hostName.Length];
        var previousDot = false;
        for (var i = 0; i < hostName.Length; i++)
        {
            var b = hostName[i];
            var dot = b == (byte)'.';
            if (dot && previousDot)
            {
                error = "empty label in host name";
                return false;
            }

            // Letters, digits, hyphen and dot (RFC 1123); underscore too, as it occurs in real service names.
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' || dot))
            {
                error = "host name is not a DNS name";
                return false;
            }

            chars[i] = char.ToLowerInvariant((char)b);
            previousDot = dot;
        }

        serverName = new string(chars);
        return true;
    }

    /// <summary>Bounds-checked big-endian reads over a span; every read fails instead of running past the end.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly int Remaining => _rest.Length;

        public bool TrySkip(int count)
        {
            if (_rest.Length < count)
            {
                return false;
            }

            _rest = _rest[count..];
            return true;
        }

        public bool TryReadUInt8(out byte value)
        {
            value = 0;
            if (_rest.Length < 1)
            {
                return false;
            }

            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool TryReadUInt16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool TryReadVector8(out ReadOnlySpan<byte> value)
        {
            value = default;
            return TryReadUInt8(out var length) && TryTake(length, out value);
        }

        public bool TryReadVector16(out ReadOnlySpan<byte> value)
        {
            value = default;
            return TryReadUInt16(out var length) && TryTake(length, out value);
        }

        private bool TryTake(int length, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (_rest.Length < length)
            {
                return false;
            }

            value = _rest[..length];
            _rest = _rest[length..];
            return true;
        }
    }
}
