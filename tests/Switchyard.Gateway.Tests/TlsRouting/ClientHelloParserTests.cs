using System.Security.Authentication;
using System.Text;
using Switchyard.Gateway.TlsRouting;
using static Switchyard.Gateway.Tests.TlsRouting.ClientHellos;

namespace Switchyard.Gateway.Tests.TlsRouting;

public sealed class ClientHelloParserTests
{
    private static readonly Lazy<byte[]> RealHello = new(() => Capture("db.example.com"));

    [Theory]
    [InlineData(SslProtocols.None)]
    [InlineData(SslProtocols.Tls12)]
    public void Parse_RealClientHello_ReturnsServerName(SslProtocols protocols)
    {
        var hello = Capture("db.example.com", protocols);

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out var error));
        Assert.Equal("db.example.com", name);
        Assert.Null(error);
    }

    [Fact]
    public void Parse_RealClientHelloWithoutServerName_CompleteWithoutName()
    {
        var hello = Capture(string.Empty);

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Null(name);
    }

    [Fact]
    public void Parse_UpperCaseAndTrailingDot_NormalizedToLowerCaseWithoutDot()
    {
        var hello = Records(Build([ServerName((0, "DB.Example.COM."))]));

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("db.example.com", name);
    }

    [Fact]
    public void Parse_EveryPrefixOfARealHello_NeedsMoreDataUntilWhole()
    {
        // A ClientHello arrives in TCP segments of any size: every prefix is "read more", never a verdict.
        var hello = RealHello.Value;
        for (var length = 0; length < hello.Length; length++)
        {
            Assert.Equal(ClientHelloStatus.NeedMoreData, ClientHelloParser.Parse(hello.AsSpan(0, length), out _, out _));
        }

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("db.example.com", name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(512)]
    public void Parse_ClientHelloSplitAcrossRecords_Reassembled(int fragment)
    {
        var hello = Records(HandshakeOf(RealHello.Value), fragment);
        Assert.True(hello.Length > RealHello.Value.Length || fragment >= RealHello.Value.Length);

        for (var length = 0; length < hello.Length; length++)
        {
            Assert.Equal(ClientHelloStatus.NeedMoreData, ClientHelloParser.Parse(hello.AsSpan(0, length), out _, out _));
        }

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("db.example.com", name);
    }

    [Fact]
    public void Parse_BytesAfterTheClientHello_Ignored()
    {
        // Early data or a second flight may follow; only the hello is the parser's business.
        byte[] hello = [.. RealHello.Value, 23, 3, 3, 0, 2, 0xAB, 0xCD];

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("db.example.com", name);
    }

    [Fact]
    public void Parse_HelloWithoutExtensions_CompleteWithoutName()
    {
        var hello = Records(Build(omitExtensions: true));

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Null(name);
    }

    [Fact]
    public void Parse_OtherNameTypesOnly_CompleteWithoutName()
    {
        var hello = Records(Build([ServerName((7, "opaque"))]));

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Null(name);
    }

    [Fact]
    public void Parse_ServerNameAmongOtherExtensions_Found()
    {
        var hello = Records(Build([Extension(10, [0, 2, 0, 29]), ServerName((0, "a.example.com")), Extension(0xFF01, [0])]));

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("a.example.com", name);
    }

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n") },
        { "SSL 2.0 hello", [0x80, 0x2E, 0x01, 0x03, 0x01, 0x00, 0x15] },
        { "alert record", [21, 3, 1, 0, 2, 2, 40] },
        { "record version 2.x", [22, 2, 0, 0, 4, 1, 0, 0, 0] },
        { "record version 3.9", [22, 3, 9, 0, 4, 1, 0, 0, 0] },
        { "empty record", [22, 3, 1, 0, 0] },
        { "record over 2^14", [22, 3, 1, 0x40, 0x01] },
        { "server hello", Records([2, 0, 0, 2, 3, 3]) },
        { "hello over 64 KiB", Records([1, 0x01, 0x00, 0x01, 3, 3]) },
        { "empty hello", Records([1, 0, 0, 0]) },
        { "truncated before session id", Records([1, 0, 0, 3, 3, 3, 0]) },
        { "session id over 32", Records(Build(sessionIdLength: 33)) },
        { "odd cipher suites", Records(Build(cipherSuitesLength: 3)) },
        { "no cipher suites", Records(Build(cipherSuitesLength: 0)) },
        { "no compression methods", Records(Build(compressionLength: 0)) },
        { "extension block too long", Records(Build([ServerName((0, "a.example.com"))], extensionsLengthDelta: 1)) },
        { "extension block too short", Records(Build([ServerName((0, "a.example.com"))], extensionsLengthDelta: -1)) },
        { "repeated extension", Records(Build([Extension(10, [0, 2, 0, 29]), Extension(10, [0, 2, 0, 23])])) },
        { "two host names", Records(Build([ServerName((0, "a.example.com"), (0, "b.example.com"))])) },
        { "empty host name", Records(Build([ServerName((0, string.Empty))])) },
        { "empty server name list", Records(Build([Extension(0, [0, 0])])) },
        { "host name with space", Records(Build([ServerName((0, "a example.com"))])) },
        { "host name with empty label", Records(Build([ServerName((0, "a..example.com"))])) },
        { "host name starting with a dot", Records(Build([ServerName((0, ".example.com"))])) },
        { "host name with a NUL", Records(Build([ServerName((0, "a.example.com\0evil"))])) },
        { "host name not ASCII", Records(Build([ServerNameBytes((0, [0x61, 0xC3, 0xA9, 0x2E, 0x63, 0x6F, 0x6D]))])) },
        { "host name too long", Records(Build([ServerName((0, string.Join('.', Enumerable.Repeat("abcdefghij", 24))))])) },
        { "too many extensions", Records(Build([.. Enumerable.Range(100, 129).Select(t => Extension((ushort)t, []))])) },
        { "handshake interrupted by another record type", [.. Records(HandshakeOf(RealHello.Value)[..10]), 21, 3, 1, 0, 2, 2, 40] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Parse_NotAWellFormedClientHello_Invalid(string what, byte[] data)
    {
        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloParser.Parse(data, out var name, out var error));
        Assert.Null(name);
        Assert.False(string.IsNullOrEmpty(error), what);
    }

    [Fact]
    public void Parse_GarbageRefusedFromItsFirstBytes_WithoutWaitingForMore()
    {
        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloParser.Parse("G"u8, out _, out _));
        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloParser.Parse([22, 4], out _, out _));
        Assert.Equal(ClientHelloStatus.NeedMoreData, ClientHelloParser.Parse([22, 3], out _, out _));
        Assert.Equal(ClientHelloStatus.NeedMoreData, ClientHelloParser.Parse([], out _, out _));
    }

    [Fact]
    public void Parse_TinyRecordsBeyondTheBufferLimit_Invalid()
    {
        // A legal but absurd split: a 60 KiB hello in one-byte records would need six times its size buffered.
        var handshake = Build([Extension(21, new byte[60_000])]);
        var hello = Records(handshake, fragment: 1);
        Assert.True(hello.Length > ClientHelloParser.MaxBufferedLength);

        Assert.Equal(ClientHelloStatus.NeedMoreData, ClientHelloParser.Parse(hello.AsSpan(0, ClientHelloParser.MaxBufferedLength - 1), out _, out _));
        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloParser.Parse(hello.AsSpan(0, ClientHelloParser.MaxBufferedLength), out _, out var error));
        Assert.Equal("ClientHello too large", error);
    }

    [Fact]
    public void Parse_LargeHelloAcrossFullRecords_Complete()
    {
        // 40 KiB of padding (RFC 7685) over three full records: large, but within the limit.
        var hello = Records(Build([ServerName((0, "big.example.com")), Extension(21, new byte[40_000])]));

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.Parse(hello, out var name, out _));
        Assert.Equal("big.example.com", name);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(20260101);
        var buffer = new byte[700];
        var verdicts = new int[3];
        for (var i = 0; i < 200_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));

            // Half the inputs start like a handshake record, so that the parser gets past the first checks.
            if (i % 2 == 0 && length >= 9)
            {
                buffer[0] = 22;
                buffer[1] = 3;
                buffer[2] = (byte)random.Next(5);
                buffer[5] = 1;
            }

            verdicts[(int)ClientHelloParser.Parse(buffer.AsSpan(0, length), out var name, out _)]++;
            AssertPlausible(name);
        }

        Assert.True(verdicts[(int)ClientHelloStatus.Invalid] > 0);
        Assert.True(verdicts[(int)ClientHelloStatus.NeedMoreData] > 0);
    }

    [Fact]
    public void Parse_MutatedRealHellos_NeverThrow()
    {
        var random = new Random(4711);
        var originals = new[] { RealHello.Value, Records(HandshakeOf(RealHello.Value), 40), Capture(string.Empty) };
        var complete = 0;
        for (var i = 0; i < 300_000; i++)
        {
            var data = (byte[])originals[i % originals.Length].Clone();
            switch (random.Next(4))
            {
                case 0:
                    // Flip a few bytes anywhere (lengths included).
                    for (var flips = random.Next(1, 4); flips > 0; flips--)
                    {
                        data[random.Next(data.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    data = data[..random.Next(data.Length)];
                    break;
                case 2:
                    var at = random.Next(data.Length);
                    data = [.. data[..at], (byte)random.Next(256), .. data[at..]];
                    break;
                default:
                    var from = random.Next(data.Length);
                    data = [.. data[..from], .. data[Math.Min(data.Length, from + random.Next(1, 8))..]];
                    break;
            }

            if (ClientHelloParser.Parse(data, out var name, out _) == ClientHelloStatus.Complete)
            {
                complete++;
            }

            AssertPlausible(name);
        }

        // Mutations of padding and random bytes leave many hellos well-formed: the parser is not refusing everything.
        Assert.True(complete > 1000, complete.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertPlausible(string? name)
    {
        if (name is null)
        {
            return;
        }

        Assert.InRange(name.Length, 1, 253);
        Assert.All(name, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.', name));
    }
}
