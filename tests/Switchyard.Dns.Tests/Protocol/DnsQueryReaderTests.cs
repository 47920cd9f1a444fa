using Switchyard.Dns.Protocol;
using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Protocol;

public sealed class DnsQueryReaderTests
{
    [Fact]
    public void TryParse_PlainQuery_Ok()
    {
        var query = QueryBuilder.Query("Web.Default.svc.cluster.local.", 1);
        var name = new byte[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryReader.TryParse(query, name, out var q));
        Assert.Equal(0x1234, q.Header.Id);
        Assert.Equal(1, q.Type);
        Assert.Equal(1, q.Class);
        Assert.False(q.Edns.Present);
        Assert.Equal("Web.Default.svc.cluster.local.", DnsWire.FormatName(name.AsSpan(0, q.NameLength)));
    }

    [Fact]
    public void TryParse_WithOpt_ReadsEdns()
    {
        var query = QueryBuilder.Query("a.", 1, ednsSize: 4096, dnssecOk: true);
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryReader.TryParse(query, new byte[255], out var q));
        Assert.True(q.Edns.Present);
        Assert.Equal(4096, q.Edns.UdpPayloadSize);
        Assert.True(q.Edns.DnssecOk);
    }

    [Fact]
    public void TryParse_EdnsVersion1_BadVers()
    {
        var query = QueryBuilder.Query("a.", 1, ednsSize: 1232, ednsVersion: 1);
        Assert.Equal(DnsQueryStatus.BadVers, DnsQueryReader.TryParse(query, new byte[255], out _));
    }

    [Fact]
    public void TryParse_Response_Dropped()
    {
        var query = QueryBuilder.Query("a.", 1);
        query[2] |= 0x80;
        Assert.Equal(DnsQueryStatus.Drop, DnsQueryReader.TryParse(query, new byte[255], out _));
        Assert.Equal(DnsQueryStatus.Drop, DnsQueryReader.TryParse(query.AsSpan(0, 5), new byte[255], out _));
    }

    [Theory]
    [InlineData(2)] // STATUS
    [InlineData(4)] // NOTIFY
    [InlineData(5)] // UPDATE
    public void TryParse_OtherOpcode_NotImp(int opcode)
    {
        var query = QueryBuilder.Query("a.", 1);
        query[2] = (byte)(opcode << 3);
        Assert.Equal(DnsQueryStatus.NotImp, DnsQueryReader.TryParse(query, new byte[255], out _));
    }

    [Fact]
    public void TryParse_TwoQuestions_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1);
        query[5] = 2;
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(query, new byte[255], out _));
    }

    [Fact]
    public void TryParse_LyingAnswerCount_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1);
        query[7] = 200;
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(query, new byte[255], out _));
    }

    [Fact]
    public void TryParse_TrailingGarbage_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1);
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse([.. query, 1, 2, 3], new byte[255], out _));
    }

    [Fact]
    public void TryParse_TruncatedQuestion_FormErr()
    {
        var query = QueryBuilder.Query("web.default.", 1);
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(query.AsSpan(0, query.Length - 3), new byte[255], out _));
    }

    [Fact]
    public void TryParse_TwoOptRecords_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1, ednsSize: 1232);
        var opt = query[^11..];
        var twice = (byte[])[.. query, .. opt];
        twice[11] = 2;
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(twice, new byte[255], out _));
    }

    [Fact]
    public void TryParse_OptInAnswerSection_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1, ednsSize: 1232);
        query[7] = 1;
        query[11] = 0;
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(query, new byte[255], out _));
    }

    [Fact]
    public void TryParse_QuestionPointingAtItself_FormErr()
    {
        var query = QueryBuilder.Query("a.", 1);
        byte[] crafted = [.. query[..12], 0xC0, 12, 0, 1, 0, 1];
        Assert.Equal(DnsQueryStatus.FormErr, DnsQueryReader.TryParse(crafted, new byte[255], out _));
    }
}
