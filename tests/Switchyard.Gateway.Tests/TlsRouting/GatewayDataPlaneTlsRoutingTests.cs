using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Gateway.Tests.Integration;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TlsRouting.TlsIr;

namespace Switchyard.Gateway.Tests.TlsRouting;

/// <summary>
/// TLS listeners end to end: real SslStream clients with distinct SNI names through the gateway to backends on their
/// own loopback addresses. Passthrough backends terminate TLS with their own certificates, so a client served the
/// backend's certificate (and a backend that saw the client's SNI name) proves the gateway did not decrypt.
/// </summary>
[Collection(TlsRoutingCollection.Name)]
public sealed class GatewayDataPlaneTlsRoutingTests(TlsRoutingBackends backends)
{
    [Fact]
    public async Task Passthrough_DistinctServerNames_ReachDistinctBackendsThatTerminateTls()
    {
        await using var gateway = await StartAsync(Snapshot(1, Clusters(), Passthrough("test/gw/tls", null,
            Route("tlsroute/test/a", "a.example.com", ("alpha", 1)),
            Route("tlsroute/test/b", "b.example.com", ("beta", 1)),
            Route("tlsroute/test/wild", "*.wild.example.com", ("gamma", 1)))));

        await using var a = await TlsClient.ConnectAsync(gateway.EndPoint, "a.example.com");
        await using var b = await TlsClient.ConnectAsync(gateway.EndPoint, "b.example.com");
        await using var wild = await TlsClient.ConnectAsync(gateway.EndPoint, "deep.x.wild.example.com");

        Assert.Equal("alpha tls=a.example.com", a.Greeting);
        Assert.Equal(Thumbprint(backends.Alpha), a.ServedThumbprint);
        Assert.Equal("beta tls=b.example.com", b.Greeting);
        Assert.Equal(Thumbprint(backends.Beta), b.ServedThumbprint);
        Assert.Equal("gamma tls=deep.x.wild.example.com", wild.Greeting);
        Assert.Equal(Thumbprint(backends.Gamma), wild.ServedThumbprint);
        Assert.Equal("alpha: ping", await a.EchoAsync("ping"));
        Assert.Equal("gamma: pong", await wild.EchoAsync("pong"));
    }

    [Fact]
    public async Task Passthrough_NameWithoutRouteOrNoName_ConnectionClosedAndCounted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricCollector<long>(meterFactory, "Switchyard.Gateway", "switchyard.gateway.tls.connections");
        await using var gateway = await StartAsync(
            Snapshot(1, Clusters(), Passthrough("test/gw/tls", null, Route("tlsroute/test/a", "a.example.com", ("alpha", 1)))),
            meterFactory: meterFactory);
        var accepted = backends.Alpha.Accepted;

        Assert.True(await TlsClient.IsRefusedAsync(gateway.EndPoint, "other.example.com"));
        Assert.True(await TlsClient.IsRefusedAsync(gateway.EndPoint, string.Empty));
        Assert.True(await TlsClient.IsRefusedAsync(gateway.EndPoint, "example.com"));
        await using (var served = await TlsClient.ConnectAsync(gateway.EndPoint, "a.example.com"))
        {
            Assert.Equal("alpha", served.Backend);
        }

        Assert.Equal(accepted + 1, backends.Alpha.Accepted);
        Assert.True(await Eventually.TrueAsync(() => collector.GetMeasurementSnapshot().Count >= 4));
        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(3, measurements.Count(m => Equals(m.Tags["result"], "no_route") && Equals(m.Tags["route"], "none")));
        Assert.Contains(measurements, m => Equals(m.Tags["result"], "forwarded") && Equals(m.Tags["route"], "tlsroute/test/a") && Equals(m.Tags["listener"], "127.0.0.1:0"));
    }

    [Fact]
    public async Task Passthrough_NotTls_ConnectionClosedWithoutReachingABackend()
    {
        await using var gateway = await StartAsync(Snapshot(1, Clusters(), Passthrough("test/gw/tls", null, Route("tlsroute/test/any", null, ("alpha", 1)))));
        var accepted = backends.Alpha.Accepted;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(gateway.EndPoint);
        var stream = client.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n"u8.ToArray());

        var read = -1;
        try
        {
            read = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (IOException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        Assert.Equal(accepted, backends.Alpha.Accepted);
    }

    [Fact]
    public async Task Passthrough_ListenersAndRoutes_MostSpecificWinsAndListenersAreIsolated()
    {
        await using var gateway = await StartAsync(Snapshot(1, Clusters(),
            Passthrough("test/gw/exact", "b.example.com"),
            Passthrough("test/gw/wildcard", "*.example.com",
                Route("tlsroute/test/exact", "a.example.com", ("alpha", 1)),
                Route("tlsroute/test/wildcard", "*.example.com", ("beta", 1))),
            Passthrough("test/gw/any", null, Route("tlsroute/test/any", null, ("gamma", 1)))));

        await using var exact = await TlsClient.ConnectAsync(gateway.EndPoint, "a.example.com");
        await using var wildcard = await TlsClient.ConnectAsync(gateway.EndPoint, "z.example.com");
        await using var other = await TlsClient.ConnectAsync(gateway.EndPoint, "example.org");
        await using var noName = await TlsClient.ConnectAsync(gateway.EndPoint, string.Empty);

        Assert.Equal("alpha", exact.Backend);
        Assert.Equal("beta", wildcard.Backend);
        Assert.Equal("gamma", other.Backend);
        Assert.Equal("gamma tls=", noName.Greeting);

        // b.example.com belongs to its own listener, which has no route: neither *.example.com nor the catch-all takes it.
        Assert.True(await TlsClient.IsRefusedAsync(gateway.EndPoint, "b.example.com"));
    }

    [Fact]
    public async Task Passthrough_WeightedBackends_ConnectionsSplitByWeight()
    {
        await using var gateway = await StartAsync(Snapshot(1, Clusters(), Passthrough("test/gw/tls", null,
            Route("tlsroute/test/db", "db.example.com", ("alpha", 3), ("beta", 1), ("gamma", 0)))));

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            await using var client = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");
            counts[client.Backend] = counts.GetValueOrDefault(client.Backend) + 1;
        }

        // 3:1 over 200 connections: 150 expected for alpha, five standard deviations (about 6 each) either way.
        Assert.InRange(counts.GetValueOrDefault("alpha"), 120, 180);
        Assert.Equal(200 - counts.GetValueOrDefault("alpha"), counts.GetValueOrDefault("beta"));
        Assert.False(counts.ContainsKey("gamma"));
    }

    [Fact]
    public async Task Passthrough_UnresolvedBackendShare_ThoseConnectionsClosed()
    {
        await using var gateway = await StartAsync(Snapshot(1, Clusters(), Passthrough("test/gw/tls", null,
            Route("tlsroute/test/half", "half.example.com", ("alpha", 1), ("!service/test/missing/port/443", 1)))));

        var refused = 0;
        var served = 0;
        for (var i = 0; i < 100; i++)
        {
            if (await TlsClient.IsRefusedAsync(gateway.EndPoint, "half.example.com"))
            {
                refused++;
            }
            else
            {
                served++;
            }
        }

        Assert.InRange(refused, 25, 75);
        Assert.Equal(100 - refused, served);
    }

    [Fact]
    public async Task Terminate_PlainBackend_ClientSeesGatewayCertificateNextToPassthrough()
    {
        var certificate = TestCertificates.Create("secure.example.com", "secure.example.com");
        await using var gateway = await StartAsync(Snapshot(1, Clusters(),
            Terminate("test/gw/terminate", "secure.example.com", certificate, Route("tlsroute/test/secure", "secure.example.com", ("plain", 1))),
            Passthrough("test/gw/passthrough", "a.example.com", Route("tlsroute/test/a", "a.example.com", ("alpha", 1)))));

        await using var terminated = await TlsClient.ConnectAsync(gateway.EndPoint, "secure.example.com");
        await using var passedThrough = await TlsClient.ConnectAsync(gateway.EndPoint, "a.example.com");

        // The gateway's certificate, and a backend that got plain TCP (no TLS, no SNI).
        Assert.Equal(Thumbprint(certificate), terminated.ServedThumbprint);
        Assert.Equal("plain plain", terminated.Greeting);
        Assert.Equal("plain: over tls", await terminated.EchoAsync("over tls"));
        Assert.Equal(Thumbprint(backends.Alpha), passedThrough.ServedThumbprint);
        Assert.Equal("alpha tls=a.example.com", passedThrough.Greeting);
    }

    [Fact]
    public async Task HotReload_RouteChanged_NewConnectionsFollowAndStaleOnesDrain()
    {
        var options = new GatewayDataPlaneOptions { DrainTimeout = TimeSpan.FromMilliseconds(500) };
        await using var gateway = await StartAsync(
            Snapshot(1, Clusters(), Passthrough("test/gw/tls", null,
                Route("tlsroute/test/db", "db.example.com", ("alpha", 1)),
                Route("tlsroute/test/keep", "keep.example.com", ("gamma", 1)))),
            options);
        await using var before = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");
        await using var kept = await TlsClient.ConnectAsync(gateway.EndPoint, "keep.example.com");
        Assert.Equal("alpha", before.Backend);

        var results = await gateway.DataPlane.ApplyAsync(
            Snapshot(2, Clusters(), Passthrough("test/gw/tls", null,
                Route("tlsroute/test/db", "db.example.com", ("beta", 1)),
                Route("tlsroute/test/keep", "keep.example.com", ("gamma", 1)))),
            CancellationToken.None);
        await using var after = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");

        // Same socket; new connections go to the new backend, the old one is closed once the drain timeout passed.
        Assert.Equal(gateway.EndPoint, Assert.Single(results).EndPoint);
        Assert.Equal("beta", after.Backend);
        Assert.True(await before.ClosedByPeerAsync(TimeSpan.FromSeconds(20)));

        // A connection whose route did not change is left alone.
        Assert.Equal("gamma: still here", await kept.EchoAsync("still here"));
    }

    [Fact]
    public async Task HotReload_ListenerRemoved_SocketClosedAndConnectionsDrained()
    {
        var options = new GatewayDataPlaneOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) };
        await using var gateway = await StartAsync(
            Snapshot(1, Clusters(), Passthrough("test/gw/tls", null, Route("tlsroute/test/db", "db.example.com", ("alpha", 1)))), options);
        await using var open = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");

        var results = await gateway.DataPlane.ApplyAsync(new Snapshot { Generation = 2 }, CancellationToken.None);

        Assert.Empty(results);
        Assert.True(await open.ClosedByPeerAsync(TimeSpan.FromSeconds(20)));
        Assert.True(await Eventually.TrueAsync(() => TlsClient.IsRefusedAsync(gateway.EndPoint, "db.example.com")));
    }

    [Fact]
    public async Task IdleTimeout_NoTrafficEitherWay_ConnectionClosed()
    {
        var options = new GatewayDataPlaneOptions { TlsIdleTimeout = TimeSpan.FromSeconds(2) };
        await using var gateway = await StartAsync(
            Snapshot(1, Clusters(), Passthrough("test/gw/tls", null, Route("tlsroute/test/db", "db.example.com", ("alpha", 1)))), options);
        await using var client = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");

        Assert.Equal("alpha: one", await client.EchoAsync("one"));
        Assert.True(await client.ClosedByPeerAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ConnectionLimit_Reached_NewConnectionsRefusedUntilOneCloses()
    {
        var options = new GatewayDataPlaneOptions { MaxTlsConnections = 2 };
        await using var gateway = await StartAsync(
            Snapshot(1, Clusters(), Passthrough("test/gw/tls", null, Route("tlsroute/test/db", "db.example.com", ("alpha", 1)))), options);
        var first = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");
        await using var second = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");

        Assert.True(await TlsClient.IsRefusedAsync(gateway.EndPoint, "db.example.com"));

        await first.DisposeAsync();
        Assert.True(await Eventually.TrueAsync(async () => !await TlsClient.IsRefusedAsync(gateway.EndPoint, "db.example.com")));
        Assert.Equal("alpha: two", await second.EchoAsync("two"));
    }

    [Fact]
    public async Task Endpoints_OneRefuses_ConnectionRetriedOnAnother()
    {
        await using var dead = await DeadEndpoint.CreateAsync();
        BackendCluster[] clusters = [Cluster("db", dead.EndPoint, backends.Alpha.EndPoint)];
        await using var gateway = await StartAsync(Snapshot(1, clusters, Passthrough("test/gw/tls", null, Route("tlsroute/test/db", "db.example.com", ("db", 1)))));

        for (var i = 0; i < 10; i++)
        {
            await using var client = await TlsClient.ConnectAsync(gateway.EndPoint, "db.example.com");
            Assert.Equal("alpha", client.Backend);
        }
    }

    private BackendCluster[] Clusters() => [Cluster(backends.Alpha), Cluster(backends.Beta), Cluster(backends.Gamma), Cluster(backends.Plain)];

    private static string Thumbprint(TcpBackend backend) => backend.Certificate!.Thumbprint;

    private static string Thumbprint(TlsCertificate certificate)
    {
        using var parsed = X509Certificate2.CreateFromPem(certificate.CertificatePem);
        return parsed.Thumbprint;
    }

    private static async Task<Gateway> StartAsync(Snapshot snapshot, GatewayDataPlaneOptions? options = null, IMeterFactory? meterFactory = null)
    {
        var dataPlane = new GatewayDataPlane(NullLoggerFactory.Instance, TimeProvider.System, options, meterFactory);
        var results = await dataPlane.ApplyAsync(snapshot, CancellationToken.None);
        var result = Assert.Single(results);
        Assert.True(result.Success, result.Error);
        return new Gateway(dataPlane, result.EndPoint!);
    }

    private sealed class Gateway(GatewayDataPlane dataPlane, IPEndPoint endPoint) : IAsyncDisposable
    {
        public GatewayDataPlane DataPlane { get; } = dataPlane;

        public IPEndPoint EndPoint { get; } = endPoint;

        public ValueTask DisposeAsync() => DataPlane.DisposeAsync();
    }
}
