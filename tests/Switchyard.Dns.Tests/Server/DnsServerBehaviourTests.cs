using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Switchyard.Dns.Tests.Support;

namespace Switchyard.Dns.Tests.Server;

/// <summary>Server behaviour beyond single answers: TCP pipelining, the first snapshot, reloads and atomic swaps.</summary>
public sealed class DnsServerBehaviourTests
{
    [Fact]
    public async Task Tcp_PipelinedQueries_AnsweredInOrderOnOneConnection()
    {
        await using var server = await ServerCluster.StartAsync(ServerCluster.Snapshot());
        var queries = new[]
        {
            QueryBuilder.Query("web.default.svc.cluster.local.", 1, id: 1),
            QueryBuilder.Query("nope.default.svc.cluster.local.", 1, id: 2),
            QueryBuilder.Query("_pg._tcp.db.data.svc.cluster.local.", 33, id: 3, ednsSize: 1232),
            QueryBuilder.Query("web.default.svc.cluster.local.", 16, id: 4),
        };
        var responses = await RawClient.TcpPipelinedAsync(server.LocalEndPoint!, queries);
        var decoded = responses.Select(r => DecodedMessage.Parse(r)).ToList();
        Assert.Equal([1, 2, 3, 4], decoded.Select(d => (int)d.Header.Id));
        Assert.Equal([0, 3, 0, 0], decoded.Select(d => d.Rcode));
        Assert.Equal(2, decoded[2].Answers.Count);
        Assert.True(decoded[2].Edns.Present);
    }

    [Fact]
    public async Task Tcp_MalformedQuery_FormErrAndConnectionStaysUsable()
    {
        await using var server = await ServerCluster.StartAsync(ServerCluster.Snapshot());
        var bad = QueryBuilder.Query("web.default.svc.cluster.local.", 1, id: 7);
        bad[5] = 3;
        var responses = await RawClient.TcpPipelinedAsync(server.LocalEndPoint!, [bad, QueryBuilder.Query("web.default.svc.cluster.local.", 1, id: 8)]);
        Assert.Equal(1, DecodedMessage.Parse(responses[0]).Rcode);
        Assert.Single(DecodedMessage.Parse(responses[1]).Answers);
    }

    [Fact]
    public async Task Query_BeforeFirstSnapshot_ServFailThenAnswers()
    {
        await using var server = await ServerCluster.StartAsync(snapshot: null);
        var before = DecodedMessage.Parse((await RawClient.UdpAsync(server.LocalEndPoint!, QueryBuilder.Query("web.default.svc.cluster.local.", 1)))!);
        Assert.Equal(2, before.Rcode);

        server.ApplySnapshot(ServerCluster.Snapshot());
        var after = DecodedMessage.Parse((await RawClient.UdpAsync(server.LocalEndPoint!, QueryBuilder.Query("web.default.svc.cluster.local.", 1)))!);
        Assert.Equal(0, after.Rcode);
        Assert.Single(after.Answers);
    }

    [Fact]
    public async Task ApplySnapshot_Change_VisibleToNextQuery()
    {
        await using var server = await ServerCluster.StartAsync(ServerCluster.Snapshot(generation: 1));
        var name = "added.default.svc.cluster.local.";
        Assert.Equal(3, DecodedMessage.Parse((await RawClient.UdpAsync(server.LocalEndPoint!, QueryBuilder.Query(name, 1)))!).Rcode);

        server.ApplySnapshot(ServerCluster.Snapshot(generation: 2, extra: "apiVersion: v1\nkind: Service\nmetadata: {name: added, namespace: default}\nspec: {clusterIP: 192.0.2.99, ports: [{port: 80}]}"));
        var response = DecodedMessage.Parse((await RawClient.UdpAsync(server.LocalEndPoint!, QueryBuilder.Query(name, 1)))!);
        Assert.Equal(["added.default.svc.cluster.local. 5 IN A 192.0.2.99"], response.Answers);
    }

    [Fact]
    public async Task ApplySnapshot_OlderGeneration_Ignored()
    {
        await using var server = await ServerCluster.StartAsync(ServerCluster.Snapshot(generation: 5));
        server.ApplySnapshot(ServerCluster.Snapshot(generation: 4));
        Assert.Equal(5, server.View!.Generation);
    }

    [Fact]
    public async Task ApplySnapshot_WhileQuerying_EveryAnswerFromOneSnapshot()
    {
        // Each snapshot's apex TXT names its generation; an ANY answer at the apex holds the SOA (serial = generation)
        // and that TXT, so a response built from two snapshots would show two different numbers.
        await using var server = await ServerCluster.StartAsync(Marked(1));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var swapper = Task.Run(() =>
        {
            for (var generation = 2L; !stop.IsCancellationRequested; generation++)
            {
                server.ApplySnapshot(Marked(generation));

                // A pause between swaps: a swapper spinning flat out starved the server of the 2-core machine's CPU.
                Thread.Sleep(1);
            }
        });

        var checkedAnswers = 0;
        var query = QueryBuilder.Query("cluster.local.", 255, ednsSize: 1232);
        while (!stop.IsCancellationRequested)
        {
            var bytes = await RawClient.UdpAsync(server.LocalEndPoint!, query, TimeSpan.FromSeconds(10));
            Assert.NotNull(bytes);
            var response = DecodedMessage.Parse(bytes);
            var serial = response.Answers.Single(a => a.Contains(" SOA ", StringComparison.Ordinal)).Split(' ')[6];
            var marker = response.Answers.Single(a => a.Contains(" TXT ", StringComparison.Ordinal)).Split(' ')[4].Trim('"');
            Assert.Equal(serial, marker);
            checkedAnswers++;
        }

        await swapper;
        Assert.True(checkedAnswers > 50, $"only {checkedAnswers} answers checked");
        Assert.True(server.View!.Generation > 10);
    }

    private static Ir.Snapshot Marked(long generation) => TestZones.Snapshot(
        generation,
        $"cluster.local. 5 IN TXT \"{generation}\"",
        $"web.default.svc.cluster.local. 5 IN A 192.0.2.{generation % 250}");

    [Fact]
    public async Task Start_TakenPort_Throws()
    {
        await using var first = await ServerCluster.StartAsync(ServerCluster.Snapshot());
        await using var second = new DnsServer(new DnsServerOptions());
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => second.StartAsync(first.LocalEndPoint!));
    }

    [Fact]
    public async Task Start_UpstreamIsItself_Throws()
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        probe.Dispose();
        await using var server = new DnsServer(new DnsServerOptions { Upstream = new IPEndPoint(IPAddress.Loopback, port) });
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(new IPEndPoint(IPAddress.Loopback, port)));
    }

    [Fact]
    public async Task Metrics_QueryCounted_ByRcodeTypeAndTransport()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<long>(factory, "Switchyard.Dns", "switchyard.dns.queries");
        await using var server = new DnsServer(new DnsServerOptions { UdpReceivers = 1 }, meterFactory: factory);
        server.ApplySnapshot(ServerCluster.Snapshot());
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.NotNull(await RawClient.UdpAsync(server.LocalEndPoint!, QueryBuilder.Query("nope.default.svc.cluster.local.", 28)));
        await collector.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(5));
        var measurement = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal("NXDOMAIN", measurement.Tags["rcode"]);
        Assert.Equal("AAAA", measurement.Tags["qtype"]);
        Assert.Equal("udp", measurement.Tags["transport"]);
    }

    [Fact]
    public async Task Start_Ipv6Loopback_AnswersUdpAndTcp()
    {
        await using var server = new DnsServer(new DnsServerOptions { UdpReceivers = 1 });
        server.ApplySnapshot(ServerCluster.Snapshot());
        await server.StartAsync(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var client = new DnsClient.LookupClient(new DnsClient.LookupClientOptions(new DnsClient.NameServer(server.LocalEndPoint!)) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(3) });
        var udp = await client.QueryAsync("web.default.svc.cluster.local", DnsClient.QueryType.AAAA);
        Assert.Equal("2001:db8::10", Assert.Single(udp.Answers.AaaaRecords()).Address.ToString());
        var tcpClient = new DnsClient.LookupClient(new DnsClient.LookupClientOptions(new DnsClient.NameServer(server.LocalEndPoint!)) { UseCache = false, Retries = 0, UseTcpOnly = true, Timeout = TimeSpan.FromSeconds(3) });
        var tcp = await tcpClient.QueryAsync("web.default.svc.cluster.local", DnsClient.QueryType.A);
        Assert.Single(tcp.Answers.ARecords());
    }

    [Fact]
    public void Options_ParseListenAndUpstream()
    {
        Assert.True(DnsServerOptions.TryParseListen("off", out var off));
        Assert.Null(off);
        Assert.True(DnsServerOptions.TryParseListen(DnsServerOptions.DefaultListen, out var listen));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5353), listen);
        Assert.True(DnsServerOptions.TryParseListen("[::1]:53", out var v6));
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 53), v6);
        Assert.False(DnsServerOptions.TryParseListen("127.0.0.1", out _));
        Assert.True(DnsServerOptions.TryParseUpstream("none", out var none));
        Assert.Null(none);
        Assert.True(DnsServerOptions.TryParseUpstream("192.0.2.53", out var bare));
        Assert.Equal(53, bare!.Port);
        Assert.True(DnsServerOptions.TryParseUpstream("192.0.2.53:5300", out var withPort));
        Assert.Equal(5300, withPort!.Port);
        Assert.False(DnsServerOptions.TryParseUpstream("resolver.example", out _));
    }

    [Fact]
    public void Options_ResolvConf_FirstNameserver()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# generated\nsearch example.test\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n");
            Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53), DnsServerOptions.ReadResolvConf(path));
            File.WriteAllText(path, "options ndots:5\n");
            Assert.Null(DnsServerOptions.ReadResolvConf(path));
            Assert.Null(DnsServerOptions.ReadResolvConf(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Options_Validator_RejectsOutOfRange()
    {
        var validator = new DnsServerOptionsValidator();
        Assert.True(validator.Validate(null, new DnsServerOptions()).Succeeded);
        Assert.True(validator.Validate(null, new DnsServerOptions { MaxUdpPayload = 100 }).Failed);
    }

    [Fact]
    public void Zone_ValidateCatchesCnameConflict()
    {
        var snapshot = TestZones.Snapshot(1, "a.cluster.local. 5 IN CNAME b.cluster.local.", "a.cluster.local. 5 IN A 192.0.2.1");
        Assert.Contains(snapshot.Validate(), p => p.Contains("CNAME", StringComparison.Ordinal));
        Assert.Empty(TestZones.Snapshot(1, "a.cluster.local. 5 IN A 192.0.2.1").Validate());
    }
}
