using Switchyard.Dns.Protocol;
using Switchyard.Dns.Tests.Support;
using Switchyard.Ir;

namespace Switchyard.Dns.Tests.View;

/// <summary>(qname, qtype) → rcode and records, answered from a view compiled from hand-written IR records.</summary>
public sealed class DnsViewTests
{
    private const string Soa = "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 7 7200 1800 86400 5";
    private const string ReverseSoa = "in-addr.arpa. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 7 7200 1800 86400 5";

    private static readonly Snapshot Snapshot = TestZones.Snapshot(
        7,
        "web.default.svc.cluster.local. 5 IN A 192.0.2.10",
        "web.default.svc.cluster.local. 5 IN AAAA 2001:db8::10",
        "_http._tcp.web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local.",
        "db.default.svc.cluster.local. 5 IN A 192.0.2.21",
        "db.default.svc.cluster.local. 5 IN A 192.0.2.22",
        "db-0.db.default.svc.cluster.local. 5 IN A 192.0.2.21",
        "db-1.db.default.svc.cluster.local. 5 IN A 192.0.2.22",
        "_pg._tcp.db.default.svc.cluster.local. 5 IN SRV 0 100 5432 db-0.db.default.svc.cluster.local.",
        "_pg._tcp.db.default.svc.cluster.local. 5 IN SRV 0 100 5432 db-1.db.default.svc.cluster.local.",
        "ext.default.svc.cluster.local. 5 IN CNAME www.example.com.",
        "alias.default.svc.cluster.local. 5 IN CNAME web.default.svc.cluster.local.",
        "dangling.default.svc.cluster.local. 5 IN CNAME gone.default.svc.cluster.local.",
        "10.2.0.192.in-addr.arpa. 5 IN PTR web.default.svc.cluster.local.",
        "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 5 IN PTR web.default.svc.cluster.local.",
        "192-0-2-50.default.pod.cluster.local. 5 IN A 192.0.2.50");

    private static readonly DnsView View = DnsView.Compile(Snapshot);

    [Theory]
    [InlineData("web.default.svc.cluster.local.", "A", "NOERROR", "AN: web.default.svc.cluster.local. 5 IN A 192.0.2.10")]
    [InlineData("web.default.svc.cluster.local.", "AAAA", "NOERROR", "AN: web.default.svc.cluster.local. 5 IN AAAA 2001:db8::10")]
    [InlineData("web.default.svc.cluster.local.", "TXT", "NOERROR", "NS: " + Soa)]
    [InlineData("_http._tcp.web.default.svc.cluster.local.", "SRV", "NOERROR",
        "AN: _http._tcp.web.default.svc.cluster.local. 5 IN SRV 0 100 80 web.default.svc.cluster.local.",
        "AR: web.default.svc.cluster.local. 5 IN A 192.0.2.10",
        "AR: web.default.svc.cluster.local. 5 IN AAAA 2001:db8::10")]
    [InlineData("_tcp.web.default.svc.cluster.local.", "SRV", "NOERROR", "NS: " + Soa)]
    [InlineData("_https._tcp.web.default.svc.cluster.local.", "SRV", "NXDOMAIN", "NS: " + Soa)]
    [InlineData("db.default.svc.cluster.local.", "A", "NOERROR",
        "AN: db.default.svc.cluster.local. 5 IN A 192.0.2.21",
        "AN: db.default.svc.cluster.local. 5 IN A 192.0.2.22")]
    [InlineData("db-1.db.default.svc.cluster.local.", "A", "NOERROR", "AN: db-1.db.default.svc.cluster.local. 5 IN A 192.0.2.22")]
    [InlineData("_pg._tcp.db.default.svc.cluster.local.", "SRV", "NOERROR",
        "AN: _pg._tcp.db.default.svc.cluster.local. 5 IN SRV 0 100 5432 db-0.db.default.svc.cluster.local.",
        "AN: _pg._tcp.db.default.svc.cluster.local. 5 IN SRV 0 100 5432 db-1.db.default.svc.cluster.local.",
        "AR: db-0.db.default.svc.cluster.local. 5 IN A 192.0.2.21",
        "AR: db-1.db.default.svc.cluster.local. 5 IN A 192.0.2.22")]
    [InlineData("ext.default.svc.cluster.local.", "A", "NOERROR", "AN: ext.default.svc.cluster.local. 5 IN CNAME www.example.com.")]
    [InlineData("ext.default.svc.cluster.local.", "CNAME", "NOERROR", "AN: ext.default.svc.cluster.local. 5 IN CNAME www.example.com.")]
    [InlineData("alias.default.svc.cluster.local.", "A", "NOERROR",
        "AN: alias.default.svc.cluster.local. 5 IN CNAME web.default.svc.cluster.local.",
        "AN: web.default.svc.cluster.local. 5 IN A 192.0.2.10")]
    [InlineData("alias.default.svc.cluster.local.", "SRV", "NOERROR",
        "AN: alias.default.svc.cluster.local. 5 IN CNAME web.default.svc.cluster.local.",
        "NS: " + Soa)]
    [InlineData("dangling.default.svc.cluster.local.", "A", "NXDOMAIN",
        "AN: dangling.default.svc.cluster.local. 5 IN CNAME gone.default.svc.cluster.local.",
        "NS: " + Soa)]
    [InlineData("10.2.0.192.in-addr.arpa.", "PTR", "NOERROR", "AN: 10.2.0.192.in-addr.arpa. 5 IN PTR web.default.svc.cluster.local.")]
    [InlineData("0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "PTR", "NOERROR",
        "AN: 0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 5 IN PTR web.default.svc.cluster.local.")]
    [InlineData("10.2.0.192.in-addr.arpa.", "A", "NOERROR", "NS: " + ReverseSoa)]
    [InlineData("2.0.192.in-addr.arpa.", "PTR", "NOERROR", "NS: " + ReverseSoa)]
    [InlineData("11.2.0.192.in-addr.arpa.", "PTR", "NXDOMAIN", "NS: " + ReverseSoa)]
    [InlineData("192-0-2-50.default.pod.cluster.local.", "A", "NOERROR", "AN: 192-0-2-50.default.pod.cluster.local. 5 IN A 192.0.2.50")]
    [InlineData("192-0-2-51.default.pod.cluster.local.", "A", "NXDOMAIN", "NS: " + Soa)]
    [InlineData("192-0-2-50.other.pod.cluster.local.", "A", "NXDOMAIN", "NS: " + Soa)]
    [InlineData("default.svc.cluster.local.", "A", "NOERROR", "NS: " + Soa)]
    [InlineData("svc.cluster.local.", "A", "NOERROR", "NS: " + Soa)]
    [InlineData("nope.default.svc.cluster.local.", "A", "NXDOMAIN", "NS: " + Soa)]
    [InlineData("dns-version.cluster.local.", "TXT", "NOERROR", "AN: dns-version.cluster.local. 5 IN TXT \"1.1.0\"")]
    [InlineData("cluster.local.", "SOA", "NOERROR", "AN: " + Soa)]
    [InlineData("cluster.local.", "NS", "NOERROR", "AN: cluster.local. 5 IN NS ns.dns.cluster.local.")]
    [InlineData("cluster.local.", "A", "NOERROR", "NS: " + Soa)]
    [InlineData("a.b.c.d.e.f.nope.cluster.local.", "A", "NXDOMAIN", "NS: " + Soa)]
    public void Respond_Query_MatchesTable(string name, string type, string rcode, params string[] expected)
    {
        var response = Ask(View, QueryBuilder.Query(name, TypeCode(type)), out var result);
        Assert.Equal(DnsDisposition.Answered, result.Disposition);
        Assert.Equal(rcode, RcodeName(response.Rcode));
        Assert.True(response.Authoritative);
        Assert.False(response.Truncated);
        var actual = response.Answers.Select(a => "AN: " + a)
            .Concat(response.Authority.Select(a => "NS: " + a))
            .Concat(response.Additional.Select(a => "AR: " + a))
            .ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Respond_Any_ReturnsEverySetAtTheName()
    {
        var response = Ask(View, QueryBuilder.Query("web.default.svc.cluster.local.", DnsConstants.TypeAny), out _);
        Assert.Equal(["web.default.svc.cluster.local. 5 IN A 192.0.2.10", "web.default.svc.cluster.local. 5 IN AAAA 2001:db8::10"], response.Answers);
    }

    [Fact]
    public void Respond_MixedCaseQuestion_AnswerKeepsQuestionCase()
    {
        var response = Ask(View, QueryBuilder.Query("WeB.DeFault.SVC.Cluster.Local.", 1), out _);
        Assert.Equal("WeB.DeFault.SVC.Cluster.Local. IN A", response.Question.Replace(" 1 ", " IN ", StringComparison.Ordinal));
        Assert.Equal(["WeB.DeFault.SVC.Cluster.Local. 5 IN A 192.0.2.10"], response.Answers);
    }

    [Fact]
    public void Respond_MixedCaseNxdomain_SoaOwnerPointsIntoQuestion()
    {
        var response = Ask(View, QueryBuilder.Query("nope.CLUSTER.local.", 1), out _);
        Assert.Equal(3, response.Rcode);
        Assert.Equal(["CLUSTER.local. 5 IN SOA ns.dns.CLUSTER.local. hostmaster.CLUSTER.local. 7 7200 1800 86400 5"], response.Authority);
    }

    [Fact]
    public void Respond_NoSnapshotYet_ServFail()
    {
        var response = Ask(null, QueryBuilder.Query("web.default.svc.cluster.local.", 1), out var result);
        Assert.Equal(2, response.Rcode);
        Assert.Equal(DnsDisposition.Answered, result.Disposition);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public void Respond_OutsideZonesWithoutUpstream_Refused()
    {
        var response = Ask(View, QueryBuilder.Query("example.com.", 1), out _);
        Assert.Equal(5, response.Rcode);
        Assert.False(response.Authoritative);
    }

    [Theory]
    [InlineData("example.com.")]
    [InlineData("1.1.168.192.in-addr.arpa.")]
    public void Respond_NotOursWithUpstream_Forward(string name)
    {
        var query = QueryBuilder.Query(name, 1);
        var length = DnsResponder.Respond(View, query, new byte[512], false, new DnsResponderOptions(1232, RecursionAvailable: true), out var result);
        Assert.Equal(0, length);
        Assert.Equal(DnsDisposition.Forward, result.Disposition);
    }

    [Fact]
    public void Respond_InZoneWithUpstream_NeverForwarded()
    {
        var query = QueryBuilder.Query("nope.default.svc.cluster.local.", 1);
        var response = new byte[512];
        var length = DnsResponder.Respond(View, query, response, false, new DnsResponderOptions(1232, RecursionAvailable: true), out var result);
        Assert.Equal(DnsDisposition.Answered, result.Disposition);
        var decoded = DecodedMessage.Parse(response.AsSpan(0, length));
        Assert.Equal(3, decoded.Rcode);
        Assert.True((decoded.Header.Flags & DnsHeader.FlagRecursionAvailable) != 0);
    }

    [Fact]
    public void Respond_NonInClass_Refused()
    {
        var response = Ask(View, QueryBuilder.Query("version.bind.", 16, @class: 3), out _);
        Assert.Equal(5, response.Rcode);
    }

    [Fact]
    public void Respond_Axfr_Refused()
    {
        var response = Ask(View, QueryBuilder.Query("cluster.local.", DnsConstants.TypeAxfr), out _);
        Assert.Equal(5, response.Rcode);
    }

    [Fact]
    public void Respond_Edns_AddsOptWithOurSizeAndDo()
    {
        var response = Ask(View, QueryBuilder.Query("web.default.svc.cluster.local.", 1, ednsSize: 4096, dnssecOk: true), out _);
        Assert.True(response.Edns.Present);
        Assert.Equal(1232, response.Edns.UdpPayloadSize);
        Assert.True(response.Edns.DnssecOk);
        Assert.Single(response.Answers);
    }

    [Fact]
    public void Respond_EdnsVersion1_BadVersWithOpt()
    {
        var response = Ask(View, QueryBuilder.Query("web.default.svc.cluster.local.", 1, ednsSize: 1232, ednsVersion: 1), out _);
        Assert.Equal(16, response.Rcode);
        Assert.True(response.Edns.Present);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public void Respond_Malformed_FormErrEchoingId()
    {
        var query = QueryBuilder.Query("a.", 1, id: 0x4242);
        query[5] = 0;
        var response = Ask(View, query, out _);
        Assert.Equal(1, response.Rcode);
        Assert.Equal(0x4242, response.Header.Id);
    }

    [Fact]
    public void Respond_Notify_NotImp()
    {
        var query = QueryBuilder.Query("cluster.local.", 6);
        query[2] = 4 << 3;
        var response = Ask(View, query, out _);
        Assert.Equal(4, response.Rcode);
    }

    [Fact]
    public void Respond_Response_Dropped()
    {
        var query = QueryBuilder.Query("cluster.local.", 6);
        query[2] |= 0x80;
        Assert.Equal(0, DnsResponder.Respond(View, query, new byte[512], false, default, out var result));
        Assert.Equal(DnsDisposition.Dropped, result.Disposition);
    }

    [Fact]
    public void Respond_LargeAnswerOverUdp_TruncatedWithTc_FullOverTcp()
    {
        var lines = Enumerable.Range(1, 100).Select(i => $"big.default.svc.cluster.local. 5 IN A 198.51.100.{i}").ToArray();
        var view = DnsView.Compile(TestZones.Snapshot(1, lines));
        var query = QueryBuilder.Query("big.default.svc.cluster.local.", 1);

        var udp = Ask(view, query, out var udpResult);
        Assert.True(udp.Truncated);
        Assert.True(udpResult.Truncated);
        Assert.Empty(udp.Answers);

        var edns = Ask(view, QueryBuilder.Query("big.default.svc.cluster.local.", 1, ednsSize: 4096), out _, size: 4096);
        Assert.False(edns.Truncated);
        Assert.Equal(100, edns.Answers.Count);

        var buffer = new byte[65535];
        var length = DnsResponder.Respond(view, query, buffer, true, default, out _);
        var tcp = DecodedMessage.Parse(buffer.AsSpan(0, length));
        Assert.False(tcp.Truncated);
        Assert.Equal(100, tcp.Answers.Count);
    }

    [Fact]
    public void Respond_AdditionalDoesNotFit_DroppedWithoutTc()
    {
        var lines = Enumerable.Range(1, 7).SelectMany(i => new[]
        {
            $"_p._tcp.hl.default.svc.cluster.local. 5 IN SRV 0 100 80 host-{i}.hl.default.svc.cluster.local.",
            $"host-{i}.hl.default.svc.cluster.local. 5 IN AAAA 2001:db8::{i}",
        }).ToArray();
        var view = DnsView.Compile(TestZones.Snapshot(1, lines));
        var response = Ask(view, QueryBuilder.Query("_p._tcp.hl.default.svc.cluster.local.", 33), out _);
        Assert.False(response.Truncated);
        Assert.Equal(7, response.Answers.Count);
        Assert.InRange(response.Additional.Count, 1, 6);
    }

    [Fact]
    public void Respond_SoaSerial_IsGeneration()
    {
        var view = DnsView.Compile(TestZones.Snapshot(123456));
        var response = Ask(view, QueryBuilder.Query("cluster.local.", 6), out _);
        Assert.Contains(" 123456 7200 ", response.Answers.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Respond_WarmView_AllocatesNothing()
    {
        var queries = new[]
        {
            QueryBuilder.Query("web.default.svc.cluster.local.", 1, ednsSize: 1232),
            QueryBuilder.Query("_pg._tcp.db.default.svc.cluster.local.", 33),
            QueryBuilder.Query("nope.default.svc.cluster.local.", 1),
            QueryBuilder.Query("10.2.0.192.in-addr.arpa.", 12),
            QueryBuilder.Query("alias.default.svc.cluster.local.", 1),
        };
        var buffer = new byte[1232];
        foreach (var query in queries)
        {
            DnsResponder.Respond(View, query, buffer, false, default, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var query in queries)
            {
                DnsResponder.Respond(View, query, buffer, false, default, out _);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Compile_InvalidRecords_SkippedNotThrown()
    {
        var snapshot = TestZones.Snapshot(1, "web.default.svc.cluster.local. 5 IN A 192.0.2.10");
        snapshot = snapshot with
        {
            Dns = snapshot.Dns with
            {
                Records = snapshot.Dns.Records.Add(new Ir.Dns.DnsRecord { Name = "bad..name.", Type = Ir.Dns.DnsRecordType.A, Ttl = 5, Address = "192.0.2.1" })
                    .Add(new Ir.Dns.DnsRecord { Name = "x.cluster.local.", Type = Ir.Dns.DnsRecordType.A, Ttl = 5, Address = "not-an-ip" })
                    .Add(new Ir.Dns.DnsRecord { Name = "outside.example.", Type = Ir.Dns.DnsRecordType.A, Ttl = 5, Address = "192.0.2.1" }),
            },
        };
        var view = DnsView.Compile(snapshot);
        Assert.Equal(3, Ask(view, QueryBuilder.Query("x.cluster.local.", 1), out _).Rcode);
        Assert.Equal(5, Ask(view, QueryBuilder.Query("outside.example.", 1), out _).Rcode);
    }

    internal static ushort TypeCode(string type) => type switch
    {
        "A" => 1,
        "NS" => 2,
        "CNAME" => 5,
        "SOA" => 6,
        "PTR" => 12,
        "TXT" => 16,
        "AAAA" => 28,
        "SRV" => 33,
        "ANY" => 255,
        _ => throw new ArgumentException(type),
    };

    internal static string RcodeName(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => rcode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static DecodedMessage Ask(DnsView? view, byte[] query, out DnsQueryResult result, int size = 1232)
    {
        var buffer = new byte[size];
        var length = DnsResponder.Respond(view, query, buffer, false, new DnsResponderOptions((ushort)Math.Max(size, 512)), out result);
        Assert.True(length > 0, "no response");
        return DecodedMessage.Parse(buffer.AsSpan(0, length));
    }
}
