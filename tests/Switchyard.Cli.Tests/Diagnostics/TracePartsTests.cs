using Switchyard.Diagnostics.Trace;
using Switchyard.Dns;
using Switchyard.Ir;
using Switchyard.Ir.Dns;

namespace Switchyard.Cli.Tests.Diagnostics;

/// <summary>The pieces of <c>trace</c> that golden scenarios exercise only in passing: search path, URL parsing, DNS decoding.</summary>
public sealed class TracePartsTests
{
    private static readonly IReadOnlyList<string> Domains = SearchPath.Domains("apps", "cluster.local.");

    [Fact]
    public void SearchPath_FewerDotsThanNdots_TriesSearchDomainsFirst()
    {
        Assert.Equal(["apps.svc.cluster.local", "svc.cluster.local", "cluster.local"], Domains);
        Assert.Equal(
            ["web.apps.svc.cluster.local.", "web.svc.cluster.local.", "web.cluster.local.", "web."],
            SearchPath.Candidates("web", Domains));
        Assert.Equal(
            ["web.apps.svc.cluster.local.apps.svc.cluster.local.", "web.apps.svc.cluster.local.svc.cluster.local.", "web.apps.svc.cluster.local.cluster.local.", "web.apps.svc.cluster.local."],
            SearchPath.Candidates("web.apps.svc.cluster.local", Domains));
    }

    [Fact]
    public void SearchPath_NdotsOrMoreDots_TriesTheNameFirst_AndATrailingDotOnlyTheName()
    {
        Assert.Equal("a.b.c.d.e.f.", SearchPath.Candidates("a.b.c.d.e.f", Domains)[0]);
        Assert.Equal(4, SearchPath.Candidates("a.b.c.d.e.f", Domains).Count);
        Assert.Equal(["web.apps.svc.cluster.local."], SearchPath.Candidates("web.apps.svc.cluster.local.", Domains));
        Assert.Equal(["web."], SearchPath.Candidates("web", []));
    }

    [Fact]
    public void TraceRequest_Parse_SplitsTheUrlAsTheServerSeesIt()
    {
        var request = TraceRequest.Parse("http://Web.Example.com:8080/a%20b/%63?x=1&y=%32", out var error)!;
        Assert.Null(error);
        Assert.Equal(("http", "web.example.com", 8080, "web.example.com:8080"), (request.Scheme, request.Host, request.Port, request.Authority));
        Assert.Equal("/a b/c", request.Path);
        Assert.Equal("?x=1&y=%32", request.Query);

        var v6 = TraceRequest.Parse("https://[2001:db8::1]/", out _)!;
        Assert.Equal(("2001:db8::1", 443, "[2001:db8::1]", "/"), (v6.Host, v6.Port, v6.Authority, v6.Path));

        Assert.Null(TraceRequest.Parse("ftp://web.example.com/", out error));
        Assert.NotNull(error);
        Assert.Null(TraceRequest.Parse("/relative", out _));
    }

    [Fact]
    public void TraceRequest_ParseGrpc_IsThePostAGrpcClientSends()
    {
        var call = TraceRequest.Parse("grpc://grpc.example.com:8080/shop.v1.Cart/Add", out var error)!;
        Assert.Null(error);
        Assert.True(call.Grpc);
        Assert.Equal(("http", "POST", "/shop.v1.Cart/Add", "grpc.example.com:8080"), (call.Scheme, call.Method, call.Path, call.Authority));
        Assert.Equal(("shop.v1.Cart", "Add"), (call.GrpcService, call.GrpcMethod));
        var headers = call.WithHeaders(["x-env: canary", "content-type: application/grpc+proto"], out _)!.HeaderDictionary();
        Assert.Equal("application/grpc+proto", headers["content-type"].ToString());
        Assert.Equal("trailers", headers["te"].ToString());
        Assert.Equal("application/grpc", call.HeaderDictionary()["content-type"].ToString());

        var tls = TraceRequest.Parse("grpcs://grpc.example.com/shop.Cart/Add", out _)!;
        Assert.Equal(("https", 443, "grpc.example.com"), (tls.Scheme, tls.Port, tls.Authority));
        Assert.Equal(80, TraceRequest.Parse("grpc://grpc.example.com/shop.Cart/Add", out _)!.Port);
        Assert.False(TraceRequest.Parse("http://grpc.example.com/shop.Cart/Add", out _)!.Grpc);

        foreach (var bad in new[] { "grpc://grpc.example.com/shop.Cart", "grpc://grpc.example.com/", "grpc://grpc.example.com/a/b/c", "grpc://grpc.example.com/shop.Cart/Add?x=1", "grpc://grpc.example.com//Add" })
        {
            Assert.Null(TraceRequest.Parse(bad, out error));
            Assert.Contains("package.Service/Method", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TraceRequest_WithHeaders_HostReplacesAuthority_BadHeaderIsRefused()
    {
        var request = TraceRequest.Parse("http://127.0.0.1:8080/", out _)!.WithHeaders(["Host: web.example.com", "x-a: 1", "x-a: 2"], out var error)!;
        Assert.Null(error);
        Assert.Equal("web.example.com", request.Authority);
        Assert.Equal("web.example.com", request.HeaderDictionary()["Host"].ToString());
        Assert.Equal("1,2", request.HeaderDictionary()["x-a"].ToString());
        Assert.Null(request.WithHeaders(["no colon"], out error));
        Assert.Contains("Name: value", error, StringComparison.Ordinal);
        Assert.Null(request.WithHeaders(["bad name: x"], out _));
    }

    [Fact]
    public void DnsLookup_AnswersAsTheResponder()
    {
        var snapshot = new Snapshot
        {
            Generation = 3,
            Dns = new DnsZone
            {
                Records =
                [
                    new DnsRecord { Name = "cluster.local.", Type = DnsRecordType.SOA, Ttl = 5, Soa = new DnsSoa { MName = "ns.dns.cluster.local.", RName = "hostmaster.cluster.local.", Minimum = 5 } },
                    new DnsRecord { Name = "web.apps.svc.cluster.local.", Type = DnsRecordType.A, Ttl = 5, Address = "192.0.2.10" },
                    new DnsRecord { Name = "web.apps.svc.cluster.local.", Type = DnsRecordType.A, Ttl = 5, Address = "192.0.2.11" },
                    new DnsRecord { Name = "db.apps.svc.cluster.local.", Type = DnsRecordType.CNAME, Ttl = 5, Target = "db.example.net." },
                ],
            },
        };
        var lookup = new DnsLookup(DnsView.Compile(snapshot));

        var a = lookup.Query("WEB.apps.svc.cluster.local.", DnsRecordType.A);
        Assert.Equal("NOERROR", a.Outcome);
        Assert.Equal(["192.0.2.10", "192.0.2.11"], a.Addresses);

        Assert.Equal("NODATA", lookup.Query("web.apps.svc.cluster.local.", DnsRecordType.AAAA).Outcome);
        Assert.Equal("NODATA", lookup.Query("apps.svc.cluster.local.", DnsRecordType.A).Outcome);
        Assert.Equal("NXDOMAIN", lookup.Query("nope.apps.svc.cluster.local.", DnsRecordType.A).Outcome);
        Assert.Equal("upstream", lookup.Query("web.example.com.", DnsRecordType.A).Outcome);

        var alias = lookup.Query("db.apps.svc.cluster.local.", DnsRecordType.A);
        Assert.Equal(["CNAME db.example.net."], alias.Records);
        Assert.Equal("db.example.net.", alias.ExternalTarget);
    }
}
