using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.Forwarding;

/// <summary>
/// Resolves names outside our zones through one upstream resolver, with a cache that honours record TTLs and caches
/// negative answers for min(SOA TTL, SOA MINIMUM) (RFC 2308 §5). Upstream trouble becomes SERVFAIL, never an exception.
/// </summary>
internal sealed partial class DnsForwarder
{
    private readonly IPEndPoint _upstream;
    private readonly DnsServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DnsMetrics? _metrics;
    private readonly ConcurrentDictionary<string, CachedAnswer> _cache = new(StringComparer.Ordinal);

    public DnsForwarder(IPEndPoint upstream, DnsServerOptions options, TimeProvider time, ILogger logger, DnsMetrics? metrics)
    {
        _upstream = upstream;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    public int CacheCount => _cache.Count;

    /// <summary>Answers a query the responder handed over (it parsed as <see cref="DnsQueryStatus.Ok"/>); returns the response length.</summary>
    public async ValueTask<int> ResolveAsync(ReadOnlyMemory<byte> query, Memory<byte> response, bool tcp, CancellationToken ct)
    {
        var qname = new byte[DnsConstants.MaxNameLength];
        if (DnsQueryReader.TryParse(query.Span, qname, out var q) != DnsQueryStatus.Ok)
        {
            return 0;
        }

        qname = qname[..q.NameLength];
        var limit = tcp
            ? DnsConstants.MaxTcpMessage
            : q.Edns.Present ? Math.Clamp((int)q.Edns.UdpPayloadSize, DnsConstants.ClassicUdpSize, _options.MaxUdpPayload) : DnsConstants.ClassicUdpSize;
        limit = Math.Min(limit, response.Length);
        var entry = await LookupAsync(qname, q.Type, q.Class, ct).ConfigureAwait(false);
        return entry is null
            ? Minimal(in q, qname, response.Span[..limit], (ushort)_options.MaxUdpPayload, DnsRcode.ServFail, truncated: false)
            : Serve(entry, in q, qname, _time.GetUtcNow(), response.Span[..limit], (ushort)_options.MaxUdpPayload);
    }

    /// <summary>
    /// Completes an answer that ends in a CNAME to a name outside our zones (an ExternalName Service): the upstream's
    /// answer records for the target are appended after ours (RFC 1034 §4.3.2 step 3a), and its RCODE kept (RFC 6604).
    /// Returns the new length, or <paramref name="length"/> unchanged when the upstream fails or the result does not fit.
    /// </summary>
    public async ValueTask<int> ChaseAsync(Memory<byte> response, int length, int targetOffset, ushort type, bool edns, int limit, CancellationToken ct)
    {
        var target = new byte[DnsConstants.MaxNameLength];
        if (!DnsWire.TryReadName(response.Span[..length], targetOffset, target, out var targetLength, out _))
        {
            return length;
        }

        var entry = await LookupAsync(target[..targetLength], type, DnsConstants.ClassIn, ct).ConfigureAwait(false);
        return entry is null ? length : Append(response.Span, length, entry, edns, limit, _time.GetUtcNow());
    }

    private static int Append(Span<byte> response, int length, CachedAnswer entry, bool edns, int limit, DateTimeOffset now)
    {
        var upstream = entry.Message;
        if (!DnsWire.TryReadHeader(upstream, out var header) || !DnsWire.TryReadHeader(response, out var ours))
        {
            return length;
        }

        // Work after our message (minus its OPT) in the same buffer; put the OPT back when anything does not fit.
        var end = edns ? length - DnsConstants.OptRecordLength : length;
        Span<byte> opt = stackalloc byte[DnsConstants.OptRecordLength];
        response[end..length].CopyTo(opt);
        var position = end;
        var elapsed = (uint)Math.Max(0, Math.Floor((now - entry.Stored).TotalSeconds));
        Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
        DnsWire.TryReadQuestion(upstream, DnsConstants.HeaderLength, name, out _, out _, out _, out var at);
        var copied = 0;
        var room = limit - (edns ? DnsConstants.OptRecordLength : 0);
        for (var i = 0; i < header.AnswerCount; i++)
        {
            if (!DnsWire.TryReadName(upstream, at, name, out var nameLength, out at)
                || !DnsWire.TryReadRecordFields(upstream, at, out var rtype, out _, out var ttl, out var rdata, out var rdLength, out var next)
                || !TryCopyRecord(upstream, name[..nameLength], rtype, ttl > elapsed ? ttl - elapsed : 0, at, rdata, rdLength, response[..room], ref position))
            {
                opt[..(length - end)].CopyTo(response[end..]);
                return length;
            }

            at = next;
            copied++;
        }

        if (edns)
        {
            opt.CopyTo(response[position..]);
            position += DnsConstants.OptRecordLength;
        }

        ours.AnswerCount += (ushort)copied;
        if (header.Rcode == (int)DnsRcode.NXDomain)
        {
            ours.Flags = (ushort)((ours.Flags & ~0xF) | (int)DnsRcode.NXDomain);
        }

        DnsWire.TryWriteHeader(response, ours);
        return position;
    }

    /// <summary>Copies one record with its names decompressed (owner, and the names inside RDATA of the types that have them).</summary>
    private static bool TryCopyRecord(byte[] message, ReadOnlySpan<byte> owner, ushort type, uint ttl, int fieldsAt, int rdata, int rdLength, Span<byte> destination, ref int position)
    {
        var start = position;
        if (position + owner.Length + 10 > destination.Length)
        {
            return false;
        }

        owner.CopyTo(destination[position..]);
        position += owner.Length;
        message.AsSpan(fieldsAt, 4).CopyTo(destination[position..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(position + 4)..], ttl);
        var lengthAt = position + 8;
        position += 10;
        var rdataStart = position;
        var (prefix, names) = type switch
        {
            2 or 5 or 12 => (0, 1), // NS, CNAME, PTR
            15 => (2, 1), // MX
            33 => (6, 1), // SRV
            6 => (0, 2), // SOA, then 20 bytes
            _ => (-1, 0),
        };
        if (prefix < 0)
        {
            if (position + rdLength > destination.Length)
            {
                return false;
            }

            message.AsSpan(rdata, rdLength).CopyTo(destination[position..]);
            position += rdLength;
        }
        else
        {
            Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
            if (position + prefix > destination.Length)
            {
                return false;
            }

            message.AsSpan(rdata, prefix).CopyTo(destination[position..]);
            position += prefix;
            var at = rdata + prefix;
            for (var n = 0; n < names; n++)
            {
                if (!DnsWire.TryReadName(message, at, name, out var nameLength, out at) || position + nameLength > destination.Length)
                {
                    position = start;
                    return false;
                }

                name[..nameLength].CopyTo(destination[position..]);
                position += nameLength;
            }

            var rest = rdata + rdLength - at;
            if (rest < 0 || position + rest > destination.Length)
            {
                position = start;
                return false;
            }

            message.AsSpan(at, rest).CopyTo(destination[position..]);
            position += rest;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[lengthAt..], (ushort)(position - rdataStart));
        return true;
    }

    /// <summary>The answer for a question from the cache, or from the upstream (then cached when it may be); null on failure.</summary>
    private async ValueTask<CachedAnswer?> LookupAsync(byte[] qname, ushort type, ushort @class, CancellationToken ct)
    {
        var key = CacheKey(qname, type, @class);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            _metrics?.Cache(hit: true);
            return cached;
        }

        _metrics?.Cache(hit: false);
        var answer = await ExchangeAsync(qname, type, @class, ct).ConfigureAwait(false);
        var entry = answer is null ? null : Normalize(answer, now, out _);
        if (entry is not null && entry.Expires > now && _options.CacheCapacity > 0)
        {
            MakeRoom(now);
            _cache[key] = entry;
        }

        return entry;
    }

    /// <summary>
    /// Turns an upstream response into a cache entry: OPT removed (with anything after it in the additional section),
    /// ID zeroed, TTL offsets recorded. The entry expires after the smallest TTL of its records, or the negative TTL;
    /// answers that may not be cached (SERVFAIL, REFUSED, negative without SOA) expire at once.
    /// </summary>
    internal CachedAnswer? Normalize(byte[] message, DateTimeOffset now, out uint ttl)
    {
        ttl = 0;
        if (!DnsWire.TryReadHeader(message, out var header) || header.QuestionCount != 1)
        {
            return null;
        }

        Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
        if (!DnsWire.TryReadQuestion(message, DnsConstants.HeaderLength, name, out var nameLength, out _, out _, out var position))
        {
            return null;
        }

        var ttlOffsets = new List<int>();
        var minTtl = uint.MaxValue;
        uint? negativeTtl = null;
        var soaTtlOffset = -1;
        var records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        var end = message.Length;
        var kept = records;
        for (var i = 0; i < records; i++)
        {
            var ownerStart = position;
            if (!DnsWire.TrySkipName(message, position, out position)
                || !DnsWire.TryReadRecordFields(message, position, out var type, out _, out var recordTtl, out var rdata, out var rdLength, out var next))
            {
                return null;
            }

            if (type == DnsConstants.TypeOpt)
            {
                if (i < header.AnswerCount + header.AuthorityCount)
                {
                    return null;
                }

                end = ownerStart;
                kept = i;
                break;
            }

            ttlOffsets.Add(position + 4);
            minTtl = Math.Min(minTtl, recordTtl);
            if (type == 6 && i >= header.AnswerCount && i < header.AnswerCount + header.AuthorityCount && rdLength >= 20)
            {
                var minimum = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(rdata + rdLength - 4));
                negativeTtl = Math.Min(recordTtl, minimum);
                soaTtlOffset = position + 4;
            }

            position = next;
        }

        var copy = message[..end];
        BinaryPrimitives.WriteUInt16BigEndian(copy, 0);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(10), (ushort)(kept - header.AnswerCount - header.AuthorityCount));
        var rcode = (DnsRcode)header.Rcode;
        if (rcode == DnsRcode.NoError && header.AnswerCount > 0)
        {
            ttl = minTtl;
        }
        else if (rcode is DnsRcode.NoError or DnsRcode.NXDomain && negativeTtl is { } negative)
        {
            ttl = negative;
        }

        ttl = (uint)Math.Min(ttl, _options.MaxCacheTtl.TotalSeconds);
        if (header.AnswerCount == 0 && soaTtlOffset >= 0)
        {
            // RFC 2308 §3: the SOA of a negative answer carries the negative TTL, so downstream caches agree with ours.
            BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(soaTtlOffset), ttl);
        }
        return new CachedAnswer(copy, [.. ttlOffsets], nameLength, now, now.AddSeconds(ttl));
    }

    /// <summary>Writes a cached answer for this client: its ID, RD, question case, aged TTLs, OPT; TC when it does not fit.</summary>
    private static int Serve(CachedAnswer entry, in DnsQuery q, ReadOnlySpan<byte> qname, DateTimeOffset now, Span<byte> response, ushort payload)
    {
        var optLength = q.Edns.Present ? DnsConstants.OptRecordLength : 0;
        if (entry.Message.Length + optLength > response.Length || entry.QuestionNameLength != qname.Length)
        {
            return Minimal(in q, qname, response, payload, DnsRcode.NoError, truncated: true);
        }

        var message = response[..entry.Message.Length];
        entry.Message.CopyTo(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        flags = (ushort)((flags & ~(DnsHeader.FlagAuthoritative | DnsHeader.FlagTruncated | DnsHeader.FlagRecursionDesired))
            | DnsHeader.FlagRecursionAvailable | (q.Header.Flags & DnsHeader.FlagRecursionDesired));
        BinaryPrimitives.WriteUInt16BigEndian(message, q.Header.Id);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], flags);
        qname.CopyTo(message[DnsConstants.HeaderLength..]);
        var elapsed = (uint)Math.Max(0, Math.Floor((now - entry.Stored).TotalSeconds));
        foreach (var offset in entry.TtlOffsets)
        {
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(message[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(message[offset..], ttl > elapsed ? ttl - elapsed : 0);
        }

        var length = message.Length;
        if (q.Edns.Present)
        {
            DnsWire.TryWriteOpt(response[length..], payload, 0, q.Edns.DnssecOk, out var written);
            length += written;
            var additional = BinaryPrimitives.ReadUInt16BigEndian(response[10..]);
            BinaryPrimitives.WriteUInt16BigEndian(response[10..], (ushort)(additional + 1));
        }

        return length;
    }

    private static int Minimal(in DnsQuery q, ReadOnlySpan<byte> qname, Span<byte> response, ushort payload, DnsRcode rcode, bool truncated)
    {
        var flags = DnsHeader.ResponseFlags(q.Header.Flags, false, true, rcode);
        if (truncated)
        {
            flags |= DnsHeader.FlagTruncated;
        }

        var header = new DnsHeader { Id = q.Header.Id, Flags = flags, QuestionCount = 1, AdditionalCount = q.Edns.Present ? (ushort)1 : (ushort)0 };
        DnsWire.TryWriteHeader(response, header);
        DnsWire.TryWriteQuestion(response[DnsConstants.HeaderLength..], qname, q.Type, q.Class, out var written);
        var length = DnsConstants.HeaderLength + written;
        if (q.Edns.Present)
        {
            DnsWire.TryWriteOpt(response[length..], payload, 0, q.Edns.DnssecOk, out var optLength);
            length += optLength;
        }

        return length;
    }

    private async ValueTask<byte[]?> ExchangeAsync(byte[] qname, ushort type, ushort @class, CancellationToken ct)
    {
        var id = (ushort)Random.Shared.Next(0, 0x10000);
        var query = new byte[DnsConstants.HeaderLength + qname.Length + 4 + DnsConstants.OptRecordLength];
        DnsWire.TryWriteHeader(query, new DnsHeader { Id = id, Flags = DnsHeader.FlagRecursionDesired, QuestionCount = 1, AdditionalCount = 1 });
        DnsWire.TryWriteQuestion(query.AsSpan(DnsConstants.HeaderLength), qname, type, @class, out var written);
        DnsWire.TryWriteOpt(query.AsSpan(DnsConstants.HeaderLength + written), (ushort)_options.MaxUdpPayload, 0, false, out _);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var answer = await ExchangeUdpAsync(query, id, qname, type, @class, ct).ConfigureAwait(false);
                if (answer is not null && (answer[2] & 0x02) != 0)
                {
                    // TC: the full answer only comes over TCP (RFC 7766 §5).
                    answer = await ExchangeTcpAsync(query, id, qname, type, @class, ct).ConfigureAwait(false);
                }

                if (answer is not null)
                {
                    return answer;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Timed out: try again, then give up.
            }
            catch (SocketException ex)
            {
                Log.UpstreamError(_logger, DnsServerOptions.Describe(_upstream), ex.SocketErrorCode.ToString());
                _metrics?.UpstreamError("network");
                return null;
            }
        }

        Log.UpstreamTimeout(_logger, DnsServerOptions.Describe(_upstream), _options.UpstreamTimeout);
        _metrics?.UpstreamError("timeout");
        return null;
    }

    private async ValueTask<byte[]?> ExchangeUdpAsync(byte[] query, ushort id, byte[] qname, ushort type, ushort @class, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.UpstreamTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
        using var socket = new Socket(_upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(_upstream, linked.Token).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, linked.Token).ConfigureAwait(false);
        var buffer = new byte[Math.Max(_options.MaxUdpPayload, DnsConstants.ClassicUdpSize)];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, linked.Token).ConfigureAwait(false);
            if (Matches(buffer.AsSpan(0, received), id, qname, type, @class))
            {
                return buffer[..received];
            }
        }
    }

    private async ValueTask<byte[]?> ExchangeTcpAsync(byte[] query, ushort id, byte[] qname, ushort type, ushort @class, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.UpstreamTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
        using var socket = new Socket(_upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_upstream, linked.Token).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[2 + query.Length];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await stream.WriteAsync(framed, linked.Token).ConfigureAwait(false);
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, linked.Token).ConfigureAwait(false);
        var answer = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(answer, linked.Token).ConfigureAwait(false);
        return Matches(answer, id, qname, type, @class) ? answer : null;
    }

    /// <summary>A response to our query: same ID, QR set, the same question (RFC 5452 §9.1).</summary>
    private static bool Matches(ReadOnlySpan<byte> message, ushort id, byte[] qname, ushort type, ushort @class)
    {
        if (!DnsWire.TryReadHeader(message, out var header) || header.Id != id || !header.IsResponse || header.QuestionCount != 1)
        {
            return false;
        }

        Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
        return DnsWire.TryReadQuestion(message, DnsConstants.HeaderLength, name, out var length, out var answeredType, out var answeredClass, out _)
            && answeredType == type && answeredClass == @class && Ascii.EqualsIgnoreCase(name[..length], qname);
    }

    private static string CacheKey(byte[] qname, ushort type, ushort @class)
    {
        Span<byte> lower = stackalloc byte[qname.Length];
        Ascii.ToLower(qname, lower, out _);
        return string.Concat(Convert.ToHexString(lower), "/", type.ToString(System.Globalization.CultureInfo.InvariantCulture), "/", @class.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_cache.Count < _options.CacheCapacity)
        {
            return;
        }

        foreach (var (key, entry) in _cache)
        {
            if (entry.Expires <= now)
            {
                _cache.TryRemove(key, out _);
            }
        }

        // Still full of live entries: drop about a tenth, whichever come first.
        var excess = _cache.Count - (_options.CacheCapacity * 9 / 10);
        foreach (var key in _cache.Keys)
        {
            if (excess-- <= 0)
            {
                break;
            }

            _cache.TryRemove(key, out _);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, EventName = "UpstreamTimeout", Level = LogLevel.Warning, Message = "upstream {Upstream} did not answer within {Timeout} (twice); answering SERVFAIL")]
        public static partial void UpstreamTimeout(ILogger logger, string upstream, TimeSpan timeout);

        [LoggerMessage(EventId = 2011, EventName = "UpstreamError", Level = LogLevel.Warning, Message = "upstream {Upstream} failed: {Error}; answering SERVFAIL")]
        public static partial void UpstreamError(ILogger logger, string upstream, string error);
    }
}
