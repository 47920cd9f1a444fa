using System.Net;
using DnsClient;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Server;

/// <summary>Names outside our zones go to the upstream; its answers are cached for their TTL, negative ones for the SOA minimum.</summary>
public sealed class DnsForwardingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddDays(1000));
    private FakeUpstream _upstream = null!;
    private DnsServer _server = null!;
    private LookupClient _client = null!;

    public async Task InitializeAsync()
    {
        _upstream = new FakeUpstream(Answer);
        _server = await ServerCluster.StartAsync(
            ServerCluster.Snapshot(),
            new DnsServerOptions { Upstream = _upstream.EndPoint, UdpReceivers = 2, UpstreamTimeout = TimeSpan.FromMilliseconds(300) },
            _time);
        _client = DnsServerClientTests.Client(_server.LocalEndPoint!);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Forward_OtherName_UpstreamAnswerWithRecursionAvailable()
    {
        var response = await _client.QueryAsync("www.example.com", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.True(response.Header.RecursionAvailable);
        Assert.False(response.Header.HasAuthorityAnswer);
        Assert.Equal("203.0.113.80", Assert.Single(response.Answers.ARecords()).Address.ToString());
        Assert.Equal(1, _upstream.Count("www.example.com."));
    }

    [Fact]
    public async Task Forward_Repeated_ServedFromCacheWithAgedTtl()
    {
        await _client.QueryAsync("cached.example.com", QueryType.A);
        _time.Advance(TimeSpan.FromSeconds(20));
        var second = await _client.QueryAsync("CACHED.example.com", QueryType.A);
        Assert.Equal(1, _upstream.Count("cached.example.com."));
        Assert.Equal(40, Assert.Single(second.Answers.ARecords()).InitialTimeToLive);
        Assert.Equal("CACHED.example.com.", second.Questions[0].QueryName.Value);
    }

    [Fact]
    public async Task Forward_TtlExpired_AsksUpstreamAgain()
    {
        await _client.QueryAsync("expiring.example.com", QueryType.A);
        _time.Advance(TimeSpan.FromSeconds(61));
        await _client.QueryAsync("expiring.example.com", QueryType.A);
        Assert.Equal(2, _upstream.Count("expiring.example.com."));
    }

    [Fact]
    public async Task Forward_Nxdomain_CachedForSoaMinimum()
    {
        var first = await _client.QueryAsync("missing.example.com", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, first.Header.ResponseCode);
        _time.Advance(TimeSpan.FromSeconds(29));
        var cached = await _client.QueryAsync("missing.example.com", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, cached.Header.ResponseCode);
        Assert.Equal(1, _upstream.Count("missing.example.com."));
        Assert.Equal(1, Assert.Single(cached.Authorities.SoaRecords()).InitialTimeToLive);
        _time.Advance(TimeSpan.FromSeconds(2));
        await _client.QueryAsync("missing.example.com", QueryType.A);
        Assert.Equal(2, _upstream.Count("missing.example.com."));
    }

    [Fact]
    public async Task Forward_NegativeWithoutSoa_NotCached()
    {
        await _client.QueryAsync("nosoa.example.com", QueryType.A);
        await _client.QueryAsync("nosoa.example.com", QueryType.A);
        Assert.Equal(2, _upstream.Count("nosoa.example.com."));
    }

    [Fact]
    public async Task Forward_UpstreamTruncates_RetriedOverTcp()
    {
        var tcp = new LookupClient(new LookupClientOptions(new NameServer(_server.LocalEndPoint!)) { UseCache = false, Retries = 0, UseTcpOnly = true, Timeout = TimeSpan.FromSeconds(3) });
        var response = await tcp.QueryAsync("big.example.com", QueryType.A);
        Assert.Equal(40, response.Answers.ARecords().Count());
    }

    [Fact]
    public async Task Forward_UpstreamSilent_ServFail()
    {
        // Upstream timeouts run on the injected clock: move it on until the server gives up.
        var query = _client.QueryAsync("silent.example.com", QueryType.A);
        while (!query.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        var response = await query;
        Assert.Equal(DnsHeaderResponseCode.ServerFailure, response.Header.ResponseCode);
    }

    [Fact]
    public async Task Forward_UnknownReverseName_GoesUpstream_KnownStaysLocal()
    {
        var unknown = await _client.QueryReverseAsync(IPAddress.Parse("203.0.113.9"));
        Assert.Equal("host.example.com.", Assert.Single(unknown.Answers.PtrRecords()).PtrDomainName.Value);
        var known = await _client.QueryReverseAsync(IPAddress.Parse("192.0.2.10"));
        Assert.Equal("web.default.svc.cluster.local.", Assert.Single(known.Answers.PtrRecords()).PtrDomainName.Value);
        Assert.Equal(0, _upstream.Count("10.2.0.192.in-addr.arpa."));
    }

    [Fact]
    public async Task Forward_ClusterNames_NeverForwarded()
    {
        var response = await _client.QueryAsync("nope.default.svc.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.True(response.Header.HasAuthorityAnswer);
        Assert.Empty(_upstream.Queries);
    }

    [Fact]
    public async Task ExternalName_WithUpstream_CnameThenUpstreamAddress()
    {
        var response = await _client.QueryAsync("search.default.svc.cluster.local", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.NoError, response.Header.ResponseCode);
        Assert.Equal("www.example.com.", Assert.Single(response.Answers.CnameRecords()).CanonicalName.Value);
        var a = Assert.Single(response.Answers.ARecords());
        Assert.Equal("www.example.com.", a.DomainName.Value);
        Assert.Equal("203.0.113.80", a.Address.ToString());

        var tcp = new LookupClient(new LookupClientOptions(new NameServer(_server.LocalEndPoint!)) { UseCache = false, Retries = 0, UseTcpOnly = true, Timeout = TimeSpan.FromSeconds(3) });
        var overTcp = await tcp.QueryAsync("search.default.svc.cluster.local", QueryType.A);
        Assert.Equal(2, overTcp.Answers.Count);
    }

    [Fact]
    public async Task ExternalName_WithUpstream_Dig()
    {
        var dig = await Dig.RunAsync(_server.LocalEndPoint!.Port, "search.default.svc.cluster.local", "A");
        Assert.Equal("NOERROR", dig.Status);
        Assert.Equal(2, dig.Answers.Count);
        Assert.Equal("search.default.svc.cluster.local. 5 IN CNAME www.example.com.", dig.Answers[0]);
        Assert.EndsWith(" IN A 203.0.113.80", dig.Answers[1], StringComparison.Ordinal);
    }

    private static byte[]? Answer(FakeUpstream.Request request) => request.Name.ToLowerInvariant() switch
    {
        "www.example.com." or "cached.example.com." or "expiring.example.com." =>
            FakeUpstream.Response(request.Query, 0, [(request.Name, 1, 60, [203, 0, 113, 80])]),
        "missing.example.com." =>
            FakeUpstream.Response(request.Query, 3, authority: [("example.com.", 6, 300, FakeUpstream.Soa(minimum: 30))]),
        "nosoa.example.com." => FakeUpstream.Response(request.Query, 3),
        "big.example.com." when !request.Tcp => FakeUpstream.Response(request.Query, 0, truncated: true),
        "big.example.com." => FakeUpstream.Response(request.Query, 0, Enumerable.Range(1, 40).Select(i => (request.Name, (ushort)1, 60u, new byte[] { 198, 51, 100, (byte)i }))),
        "9.113.0.203.in-addr.arpa." => FakeUpstream.Response(request.Query, 0, [(request.Name, 12, 60, Switchyard.Dns.Protocol.DnsWire.EncodeName("host.example.com."))]),
        _ => null,
    };
}
