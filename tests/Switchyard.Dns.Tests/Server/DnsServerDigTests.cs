using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Server;

/// <summary>The same server queried with BIND's dig: every record kind, negative answers, TCP, truncation, EDNS0.</summary>
public sealed class DnsServerDigTests : IAsyncLifetime
{
    private DnsServer _server = null!;

    private int Port => _server.LocalEndPoint!.Port;

    public async Task InitializeAsync() =>
        _server = await ServerCluster.StartAsync(ServerCluster.Snapshot(generation: 9, extra: ServerCluster.BigHeadless(60)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("web.default.svc.cluster.local", "A", "web.default.svc.cluster.local. 5 IN A 192.0.2.10")]
    [InlineData("web.default.svc.cluster.local", "AAAA", "web.default.svc.cluster.local. 5 IN AAAA 2001:db8::10")]
    [InlineData("_http._tcp.web.default.svc.cluster.local", "SRV", "_http._tcp.web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local.")]
    [InlineData("db.data.svc.cluster.local", "A", "db.data.svc.cluster.local. 5 IN A 192.0.2.21", "db.data.svc.cluster.local. 5 IN A 192.0.2.22")]
    [InlineData("db-0.db.data.svc.cluster.local", "A", "db-0.db.data.svc.cluster.local. 5 IN A 192.0.2.21")]
    [InlineData("_pg._tcp.db.data.svc.cluster.local", "SRV",
        "_pg._tcp.db.data.svc.cluster.local. 5 IN SRV 0 100 15432 db-0.db.data.svc.cluster.local.",
        "_pg._tcp.db.data.svc.cluster.local. 5 IN SRV 0 100 15432 db-1.db.data.svc.cluster.local.")]
    [InlineData("search.default.svc.cluster.local", "CNAME", "search.default.svc.cluster.local. 5 IN CNAME www.example.com.")]
    [InlineData("10.2.0.192.in-addr.arpa", "PTR", "10.2.0.192.in-addr.arpa. 5 IN PTR web.default.svc.cluster.local.")]
    [InlineData("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "PTR",
        "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 5 IN PTR web.default.svc.cluster.local.")]
    [InlineData("198-51-100-50.default.pod.cluster.local", "A", "198-51-100-50.default.pod.cluster.local. 5 IN A 198.51.100.50")]
    [InlineData("dns-version.cluster.local", "TXT", "dns-version.cluster.local. 5 IN TXT \"1.1.0\"")]
    [InlineData("cluster.local", "SOA", "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 9 7200 1800 86400 5")]
    [InlineData("cluster.local", "NS", "cluster.local. 5 IN NS ns.dns.cluster.local.")]
    public async Task Dig_RecordKind_Answered(string name, string type, params string[] expected)
    {
        var dig = await Dig.RunAsync(Port, name, type);
        Assert.Equal("NOERROR", dig.Status);
        Assert.Contains("aa", dig.Flags);
        Assert.Equal(expected, dig.Answers);
    }

    [Fact]
    public async Task Dig_MissingName_NxdomainWithSoa()
    {
        var dig = await Dig.RunAsync(Port, "nope.default.svc.cluster.local", "A");
        Assert.Equal("NXDOMAIN", dig.Status);
        Assert.Empty(dig.Answers);
        Assert.Equal(["cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 9 7200 1800 86400 5"], dig.Authority);
    }

    [Fact]
    public async Task Dig_ExistingNameOtherType_NodataWithSoa()
    {
        var dig = await Dig.RunAsync(Port, "web.default.svc.cluster.local", "MX");
        Assert.Equal("NOERROR", dig.Status);
        Assert.Empty(dig.Answers);
        Assert.Single(dig.Authority);
    }

    [Fact]
    public async Task Dig_EmptyNonTerminal_Nodata()
    {
        var dig = await Dig.RunAsync(Port, "data.svc.cluster.local", "A");
        Assert.Equal("NOERROR", dig.Status);
        Assert.Single(dig.Authority);
    }

    [Fact]
    public async Task Dig_MixedCase_AnswerKeepsQuestionCase()
    {
        var dig = await Dig.RunAsync(Port, "WeB.DeFaulT.svc.Cluster.Local", "A");
        Assert.Equal(["WeB.DeFaulT.svc.Cluster.Local. 5 IN A 192.0.2.10"], dig.Answers);
    }

    [Fact]
    public async Task Dig_Tcp_FullAnswer()
    {
        var dig = await Dig.RunAsync(Port, "+tcp", "big.default.svc.cluster.local", "A");
        Assert.Equal("NOERROR", dig.Status);
        Assert.Equal(60, dig.Answers.Count);
    }

    [Fact]
    public async Task Dig_BigAnswerOverUdpWithoutEdns_Tc()
    {
        var dig = await Dig.RunAsync(Port, "+noedns", "+ignore", "big.default.svc.cluster.local", "A");
        Assert.Contains("tc", dig.Flags);
        Assert.Empty(dig.Answers);
        Assert.Null(dig.EdnsUdpSize);
    }

    [Fact]
    public async Task Dig_BigAnswerOverUdp_RetriesOverTcpAndGetsAll()
    {
        var dig = await Dig.RunAsync(Port, "+noedns", "big.default.svc.cluster.local", "A");
        Assert.Equal(60, dig.Answers.Count);
        Assert.Contains("Truncated, retrying in TCP mode", dig.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dig_Edns_OptWithAdvertisedSizeAndFitsLargerAnswers()
    {
        var dig = await Dig.RunAsync(Port, "+bufsize=4096", "+ignore", "big.default.svc.cluster.local", "A");
        Assert.Equal(1232, dig.EdnsUdpSize);
        Assert.DoesNotContain("tc", dig.Flags);
        Assert.Equal(60, dig.Answers.Count);
    }

    [Fact]
    public async Task Dig_EdnsSmallBuffer_Tc()
    {
        var dig = await Dig.RunAsync(Port, "+bufsize=512", "+ignore", "big.default.svc.cluster.local", "A");
        Assert.Contains("tc", dig.Flags);
        Assert.Equal(1232, dig.EdnsUdpSize);
    }

    [Fact]
    public async Task Dig_EdnsVersion1_Badvers()
    {
        var dig = await Dig.RunAsync(Port, "+edns=1", "+noednsnegotiation", "web.default.svc.cluster.local", "A");
        Assert.Equal("BADVERS", dig.Status);
    }

    [Fact]
    public async Task Dig_OutsideZoneWithoutUpstream_Refused()
    {
        var dig = await Dig.RunAsync(Port, "example.com", "A");
        Assert.Equal("REFUSED", dig.Status);
    }

    [Fact]
    public async Task Dig_Notify_Notimp()
    {
        var dig = await Dig.RunAsync(Port, "+opcode=notify", "cluster.local", "SOA");
        Assert.Equal("NOTIMP", dig.Status);
    }
}
