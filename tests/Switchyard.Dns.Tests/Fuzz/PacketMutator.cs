using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Fuzz;

/// <summary>
/// Makes hostile packets from a seed corpus: random bytes, bit flips, truncation, lying counts, compression loops,
/// oversized labels, splices. Deterministic for a given <see cref="Random"/> seed.
/// </summary>
internal sealed class PacketMutator
{
    private readonly Random _random;
    private readonly List<byte[]> _seeds;

    public PacketMutator(int seed)
    {
        _random = new Random(seed);
        _seeds = Seeds().ToList();
    }

    public IReadOnlyList<byte[]> Corpus => _seeds;

    public static IEnumerable<byte[]> Seeds()
    {
        yield return QueryBuilder.Query("web.default.svc.cluster.local.", 1);
        yield return QueryBuilder.Query("web.default.svc.cluster.local.", 28, ednsSize: 1232);
        yield return QueryBuilder.Query("_http._tcp.web.default.svc.cluster.local.", 33, ednsSize: 4096, dnssecOk: true);
        yield return QueryBuilder.Query("10.2.0.192.in-addr.arpa.", 12);
        yield return QueryBuilder.Query("db.data.svc.cluster.local.", 255);
        yield return QueryBuilder.Query("search.default.svc.cluster.local.", 1, ednsSize: 512);
        yield return QueryBuilder.Query("nope.cluster.local.", 16);
        yield return QueryBuilder.Query("example.com.", 1);
        yield return QueryBuilder.Query(".", 2);
        yield return QueryBuilder.Query("cluster.local.", 252);
        // Question that is a pointer to itself, and a chain of pointers.
        yield return [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        yield return [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0xC0, 16, 0xC0, 12, 0, 1, 0, 1];
        // Lying counts: many answers claimed, none present.
        yield return [0x12, 0x34, 0x01, 0x00, 0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 1, 0, 1];
        // OPT with an option whose length overruns RDATA.
        yield return [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 4, 0, 10, 0, 9];
    }

    public byte[] Next()
    {
        var choice = _random.Next(100);
        if (choice < 10)
        {
            var random = new byte[_random.Next(0, 600)];
            _random.NextBytes(random);
            return random;
        }

        var packet = (byte[])_seeds[_random.Next(_seeds.Count)].Clone();
        var mutations = 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            packet = Mutate(packet);
        }

        return packet;
    }

    private byte[] Mutate(byte[] packet)
    {
        switch (_random.Next(9))
        {
            case 0: // bit flips
                if (packet.Length > 0)
                {
                    for (var i = 0; i < 1 + _random.Next(8); i++)
                    {
                        packet[_random.Next(packet.Length)] ^= (byte)(1 << _random.Next(8));
                    }
                }

                return packet;
            case 1: // truncation
                return packet[.._random.Next(packet.Length + 1)];
            case 2: // lying counts
                if (packet.Length >= 12)
                {
                    var at = 4 + (2 * _random.Next(4));
                    packet[at] = (byte)_random.Next(3);
                    packet[at + 1] = (byte)_random.Next(256);
                }

                return packet;
            case 3: // compression pointer somewhere, pointing anywhere (loops, forward jumps, into the header)
                if (packet.Length >= 2)
                {
                    var at = _random.Next(packet.Length - 1);
                    var target = _random.Next(Math.Max(1, packet.Length + 16));
                    packet[at] = (byte)(0xC0 | (target >> 8));
                    packet[at + 1] = (byte)target;
                }

                return packet;
            case 4: // oversized or reserved label length
                if (packet.Length > 12)
                {
                    packet[12 + _random.Next(packet.Length - 12)] = (byte)(_random.Next(2) == 0 ? 63 + _random.Next(192) : 0x40 | _random.Next(64));
                }

                return packet;
            case 5: // insert random bytes
                {
                    var at = _random.Next(packet.Length + 1);
                    var insert = new byte[1 + _random.Next(32)];
                    _random.NextBytes(insert);
                    return [.. packet[..at], .. insert, .. packet[at..]];
                }

            case 6: // delete a run
                {
                    if (packet.Length == 0)
                    {
                        return packet;
                    }

                    var at = _random.Next(packet.Length);
                    var length = Math.Min(packet.Length - at, 1 + _random.Next(16));
                    return [.. packet[..at], .. packet[(at + length)..]];
                }

            case 7: // splice two packets
                {
                    var other = _seeds[_random.Next(_seeds.Count)];
                    var cut = _random.Next(packet.Length + 1);
                    var from = _random.Next(other.Length + 1);
                    return [.. packet[..cut], .. other[from..]];
                }

            default: // flags and opcode
                if (packet.Length >= 4)
                {
                    packet[2] = (byte)_random.Next(256);
                    packet[3] = (byte)_random.Next(256);
                }

                return packet;
        }
    }
}
