using Switchyard.Dns.Protocol;

namespace Switchyard.Dns.Tests.Protocol;

public sealed class DnsWireTests
{
    [Fact]
    public void Header_RoundTrip_KeepsEveryField()
    {
        var header = new DnsHeader { Id = 0xBEEF, Flags = 0x8583, QuestionCount = 1, AnswerCount = 2, AuthorityCount = 3, AdditionalCount = 4 };
        var buffer = new byte[12];
        Assert.True(DnsWire.TryWriteHeader(buffer, header));
        Assert.True(DnsWire.TryReadHeader(buffer, out var read));
        Assert.Equal(header, read);
        Assert.True(read.IsResponse);
        Assert.Equal(3, read.Rcode);
    }

    [Fact]
    public void Header_ShortInput_ReturnsFalse()
    {
        Assert.False(DnsWire.TryReadHeader(new byte[11], out _));
        Assert.False(DnsWire.TryWriteHeader(new byte[11], default));
    }

    [Fact]
    public void Name_Uncompressed_ReadsAndKeepsCase()
    {
        var message = Message(12, [3, (byte)'W', (byte)'e', (byte)'B', 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0]);
        var name = new byte[255];
        Assert.True(DnsWire.TryReadName(message, 12, name, out var length, out var next));
        Assert.Equal("WeB.local.", DnsWire.FormatName(name.AsSpan(0, length)));
        Assert.Equal(message.Length, next);
    }

    [Fact]
    public void Name_CompressedBackward_FollowsPointer()
    {
        // "local." at 12, then "web" + pointer to 12 at 19.
        var message = Message(12, [5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0, 3, (byte)'w', (byte)'e', (byte)'b', 0xC0, 12, 0xFF]);
        var name = new byte[255];
        Assert.True(DnsWire.TryReadName(message, 19, name, out var length, out var next));
        Assert.Equal("web.local.", DnsWire.FormatName(name.AsSpan(0, length)));
        Assert.Equal(25, next);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 })] // points at itself
    [InlineData(new byte[] { 0xC0, 14, 0xC0, 12 })] // forward pointer
    [InlineData(new byte[] { 1, (byte)'a', 0xC0, 12 })] // loop back into the same name
    [InlineData(new byte[] { 0x40, 0 })] // extended label type
    [InlineData(new byte[] { 0x80, 0 })] // reserved label type
    [InlineData(new byte[] { 5, (byte)'a' })] // label runs past the end
    [InlineData(new byte[] { 1, (byte)'a' })] // no terminating root
    [InlineData(new byte[] { 0xC0 })] // half a pointer
    public void Name_Malformed_ReturnsFalse(byte[] bytes)
    {
        var message = Message(12, bytes);
        Assert.False(DnsWire.TryReadName(message, 12, new byte[255], out _, out _));
    }

    [Fact]
    public void Name_LongerThan255_ReturnsFalse()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 5; i++)
        {
            bytes.Add(63);
            bytes.AddRange(Enumerable.Repeat((byte)'a', 63));
        }

        bytes.Add(0);
        var message = Message(12, [.. bytes]);
        Assert.False(DnsWire.TryReadName(message, 12, new byte[512], out _, out _));
    }

    [Fact]
    public void Name_PointerChainsWithinLimit_Read()
    {
        // a. at 12; b -> 12 at 15; c -> 15 at 19.
        var message = Message(12, [1, (byte)'a', 0, 1, (byte)'b', 0xC0, 12, 1, (byte)'c', 0xC0, 15]);
        var name = new byte[255];
        Assert.True(DnsWire.TryReadName(message, 19, name, out var length, out var next));
        Assert.Equal("c.b.a.", DnsWire.FormatName(name.AsSpan(0, length)));
        Assert.Equal(23, next);
    }

    [Fact]
    public void SkipName_StopsAtPointer()
    {
        var message = Message(12, [1, (byte)'a', 0xC0, 3]);
        Assert.True(DnsWire.TrySkipName(message, 12, out var next));
        Assert.Equal(16, next);
    }

    [Theory]
    [InlineData("web.default.svc.cluster.local.")]
    [InlineData("web.default.svc.cluster.local")]
    [InlineData(".")]
    public void EncodeName_ThenFormat_RoundTrips(string text)
    {
        var wire = DnsWire.EncodeName(text);
        Assert.Equal(text.TrimEnd('.') + ".", DnsWire.FormatName(wire) is "." ? "." : DnsWire.FormatName(wire));
        Assert.Equal(wire.Length, DnsWire.NameLength(wire));
    }

    [Theory]
    [InlineData("a..b.")]
    [InlineData("tooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooo.long.")]
    public void EncodeName_Invalid_ReturnsFalse(string text) => Assert.False(DnsWire.TryEncodeName(text, new byte[255], out _));

    [Fact]
    public void LookupKey_LettersDigitsDashUnderscore_Formatted()
    {
        var wire = DnsWire.EncodeName("_HTTP._tcp.Web-1.default.");
        var chars = new char[256];
        Assert.True(DnsWire.TryFormatLookupKey(wire, chars, out var n));
        Assert.Equal("_HTTP._tcp.Web-1.default.", new string(chars, 0, n));
    }

    [Fact]
    public void LookupKey_LabelWithDot_Refused()
    {
        byte[] wire = [3, (byte)'a', (byte)'.', (byte)'b', 0];
        Assert.False(DnsWire.TryFormatLookupKey(wire, new char[256], out _));
        Assert.Equal("a\\046b.", DnsWire.FormatName(wire));
    }

    [Fact]
    public void Opt_WriteThenRead_KeepsSizeVersionAndDo()
    {
        var buffer = new byte[11];
        Assert.True(DnsWire.TryWriteOpt(buffer, 1232, 1, true, out var written));
        Assert.Equal(11, written);
        Assert.True(DnsWire.TryReadRecordFields(buffer, 1, out var type, out var @class, out var ttl, out _, out var rdLength, out var next));
        Assert.Equal(DnsConstants.TypeOpt, type);
        Assert.Equal(0, rdLength);
        Assert.Equal(11, next);
        var edns = DnsWire.ReadOpt(@class, ttl);
        Assert.Equal(1232, edns.UdpPayloadSize);
        Assert.Equal(1, edns.ExtendedRcode);
        Assert.Equal(0, edns.Version);
        Assert.True(edns.DnssecOk);
    }

    [Fact]
    public void OptOptions_LengthMismatch_Invalid()
    {
        Assert.True(DnsWire.TryValidateOptOptions([0, 10, 0, 2, 1, 2]));
        Assert.False(DnsWire.TryValidateOptOptions([0, 10, 0, 3, 1, 2]));
        Assert.False(DnsWire.TryValidateOptOptions([0, 10, 0]));
    }

    [Fact]
    public void RecordFields_RdataPastEnd_ReturnsFalse()
    {
        byte[] record = [0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 192, 0, 2];
        Assert.False(DnsWire.TryReadRecordFields(record, 0, out _, out _, out _, out _, out _, out _));
    }

    private static byte[] Message(int offset, byte[] bytes)
    {
        var message = new byte[offset + bytes.Length];
        bytes.CopyTo(message, offset);
        return message;
    }
}
