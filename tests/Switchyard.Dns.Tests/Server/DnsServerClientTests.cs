using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Server;

/// <summary>A real server on loopback queried with DnsClient.NET, an independent client library.</summary>
public sealed class DnsServerClientTests : IAsyncLifetime
{
    private DnsServer _server = null!;
    private LookupClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerCluster.StartAsync(ServerCluster.Snapshot(generation: 42, extra: ServerCluster.BigHeadless(60)));
        _client = Client(_server.LocalEndPoint!);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Start_PortZero_ExposesRealPort()
    {
        Assert.NotEqual(0, _server.LocalEndPoint!.Port);
        Assert.Equal(IPAddress.Loopback, _server.LocalEndPoint.Address);
    }

    [Fact]
    public async Task Query_ClusterIpService_AAndAaaa()
    {
        var a = await _client.QueryAsync("web.default.svc.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NoError, a.Header.ResponseCode);
        Assert.True(a.Header.HasAuthorityAnswer);
        Assert.Equal("192.0.2.10", Assert.Single(a.Answers.ARecords()).Address.ToString());
        Assert.Equal(5, a.Answers[0].InitialTimeToLive);

        var aaaa = await _client.QueryAsync("web.default.svc.cluster.local", QueryType.AAAA);
        Assert.Equal("2001:db8::10", Assert.Single(aaaa.Answers.AaaaRecords()).Address.ToString());
    }

    [Fact]
    public async Task Query_NamedPort_SrvToServiceWithAdditionalAddresses()
    {
        var response = await _client.QueryAsync("_http._tcp.web.default.svc.cluster.local", QueryType.SRV);
        var srv = Assert.Single(response.Answers.SrvRecords());
        Assert.Equal(80, srv.Port);
        Assert.Equal("web.default.svc.cluster.local.", srv.Target.Value);
        Assert.Contains(response.Additionals.ARecords(), r => r.Address.ToString() == "192.0.2.10");
        Assert.Contains(response.Additionals.AaaaRecords(), r => r.Address.ToString() == "2001:db8::10");
    }

    [Fact]
    public async Task Query_UnnamedPort_NoSrv()
    {
        var response = await _client.QueryAsync("_8080._tcp.web.default.svc.cluster.local", QueryType.SRV);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
    }

    [Fact]
    public async Task Query_HeadlessService_ReadyEndpointsOnly()
    {
        var response = await _client.QueryAsync("db.data.svc.cluster.local", QueryType.A);
        Assert.Equal(["192.0.2.21", "192.0.2.22"], response.Answers.ARecords().Select(r => r.Address.ToString()));
        var host = await _client.QueryAsync("db-1.db.data.svc.cluster.local", QueryType.A);
        Assert.Equal("192.0.2.22", Assert.Single(host.Answers.ARecords()).Address.ToString());
        var notReady = await _client.QueryAsync("db-2.db.data.svc.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, notReady.Header.ResponseCode);
    }

    [Fact]
    public async Task Query_HeadlessSrv_OnePerEndpointWithEndpointPort()
    {
        var response = await _client.QueryAsync("_pg._tcp.db.data.svc.cluster.local", QueryType.SRV);
        var srv = response.Answers.SrvRecords().ToList();
        Assert.Equal(["db-0.db.data.svc.cluster.local.", "db-1.db.data.svc.cluster.local."], srv.Select(r => r.Target.Value));
        Assert.All(srv, r => Assert.Equal(15432, r.Port));
        Assert.Equal(2, response.Additionals.ARecords().Count());
    }

    [Fact]
    public async Task Query_ExternalName_Cname()
    {
        var response = await _client.QueryAsync("search.default.svc.cluster.local", QueryType.A);
        var cname = Assert.Single(response.Answers.CnameRecords());
        Assert.Equal("www.example.com.", cname.CanonicalName.Value);
    }

    [Fact]
    public async Task Query_Ptr_ServiceAndEndpointBothFamilies()
    {
        var service = await _client.QueryReverseAsync(IPAddress.Parse("192.0.2.10"));
        Assert.Equal("web.default.svc.cluster.local.", Assert.Single(service.Answers.PtrRecords()).PtrDomainName.Value);
        var v6 = await _client.QueryReverseAsync(IPAddress.Parse("2001:db8::10"));
        Assert.Equal("web.default.svc.cluster.local.", Assert.Single(v6.Answers.PtrRecords()).PtrDomainName.Value);
        var endpoint = await _client.QueryReverseAsync(IPAddress.Parse("192.0.2.21"));
        Assert.Equal("db-0.db.data.svc.cluster.local.", Assert.Single(endpoint.Answers.PtrRecords()).PtrDomainName.Value);
    }

    [Fact]
    public async Task Query_Pod_VerifiedNamesOnly()
    {
        var a = await _client.QueryAsync("198-51-100-50.default.pod.cluster.local", QueryType.A);
        Assert.Equal("198.51.100.50", Assert.Single(a.Answers.ARecords()).Address.ToString());
        var aaaa = await _client.QueryAsync("2001-db8--50.default.pod.cluster.local", QueryType.AAAA);
        Assert.Equal("2001:db8::50", Assert.Single(aaaa.Answers.AaaaRecords()).Address.ToString());
        var wrongNamespace = await _client.QueryAsync("198-51-100-50.data.pod.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, wrongNamespace.Header.ResponseCode);
    }

    [Fact]
    public async Task Query_DnsVersionSoaNs_AtApex()
    {
        var txt = await _client.QueryAsync("dns-version.cluster.local", QueryType.TXT);
        Assert.Equal(["1.1.0"], Assert.Single(txt.Answers.TxtRecords()).Text);
        var soa = Assert.Single((await _client.QueryAsync("cluster.local", QueryType.SOA)).Answers.SoaRecords());
        Assert.Equal(42u, soa.Serial);
        Assert.Equal("ns.dns.cluster.local.", soa.MName.Value);
        var ns = await _client.QueryAsync("cluster.local", QueryType.NS);
        Assert.Equal("ns.dns.cluster.local.", Assert.Single(ns.Answers.NsRecords()).NSDName.Value);
        // The name server's address rides along as additional data, and answers on its own.
        Assert.Equal("127.0.0.1", Assert.Single(ns.Additionals.ARecords()).Address.ToString());
        var glue = await _client.QueryAsync("ns.dns.cluster.local", QueryType.A);
        Assert.Equal("127.0.0.1", Assert.Single(glue.Answers.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task Query_MissingName_NxdomainWithSoa()
    {
        var response = await _client.QueryAsync("nope.default.svc.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        var soa = Assert.Single(response.Authorities.SoaRecords());
        Assert.Equal(5u, soa.Minimum);
    }

    [Fact]
    public async Task Query_NameWithoutType_NodataWithSoa()
    {
        var response = await _client.QueryAsync("web.default.svc.cluster.local", QueryType.TXT);
        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Theory]
    [InlineData("empty.svc.cluster.local")]
    [InlineData("empty.pod.cluster.local")]
    [InlineData("svc.cluster.local")]
    [InlineData("pod.cluster.local")]
    public async Task Query_ExistingNamespaceWithoutRecords_NodataWithSoa(string name)
    {
        // CoreDNS answers NODATA for a namespace that exists, NXDOMAIN only for one that does not.
        var response = await _client.QueryAsync(name, QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Theory]
    [InlineData("missing.svc.cluster.local")]
    [InlineData("web.empty.svc.cluster.local")]
    [InlineData("missing.pod.cluster.local")]
    public async Task Query_MissingNamespaceOrServiceInEmptyNamespace_Nxdomain(string name)
    {
        var response = await _client.QueryAsync(name, QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Single(response.Authorities.SoaRecords());
    }

    [Fact]
    public async Task Query_MixedCase_Answered()
    {
        var response = await _client.QueryAsync("WEB.Default.SVC.cluster.LOCAL", QueryType.A);
        Assert.Equal("192.0.2.10", Assert.Single(response.Answers.ARecords()).Address.ToString());
    }

    [Fact]
    public async Task Query_Tcp_SameAnswers()
    {
        var tcp = new LookupClient(new LookupClientOptions(new NameServer(_server.LocalEndPoint!)) { UseCache = false, Retries = 0, UseTcpOnly = true, Timeout = TimeSpan.FromSeconds(3) });
        var response = await tcp.QueryAsync("_pg._tcp.db.data.svc.cluster.local", QueryType.SRV);
        Assert.Equal(2, response.Answers.SrvRecords().Count());
        var big = await tcp.QueryAsync("big.default.svc.cluster.local", QueryType.A);
        Assert.Equal(60, big.Answers.ARecords().Count());
    }

    [Fact]
    public async Task Query_BigAnswerWithoutEdns_TruncatedThenTcpFallback()
    {
        var noEdns = new LookupClient(new LookupClientOptions(new NameServer(_server.LocalEndPoint!)) { UseCache = false, Retries = 0, ExtendedDnsBufferSize = 512, UseTcpFallback = true, Timeout = TimeSpan.FromSeconds(3) });
        var response = await noEdns.QueryAsync("big.default.svc.cluster.local", QueryType.A);
        Assert.Equal(60, response.Answers.ARecords().Count());
        Assert.False(response.Header.ResultTruncated);
    }

    internal static LookupClient Client(IPEndPoint server) =>
        new(new LookupClientOptions(new NameServer(server)) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(3), ContinueOnDnsError = false, ContinueOnEmptyResponse = false });
}
