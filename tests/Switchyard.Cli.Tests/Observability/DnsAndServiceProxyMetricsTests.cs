using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DnsClient;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Cli.Serving;
using Switchyard.Cli.Tests.Serving;
using Switchyard.Gateway.Echo;
using Switchyard.Translation;

namespace Switchyard.Cli.Tests.Observability;

/// <summary>
/// `serve` with cluster DNS and the L4 Service proxy on: real DNS queries and real TCP connections through a cluster IP,
/// then /metrics must count them with bounded labels.
/// </summary>
public sealed class DnsAndServiceProxyMetricsTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-l4dns-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly StringWriter _console = new();
    private readonly IPAddress _clusterIp = IPAddress.Parse($"127.96.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(2, 250)}");
    private EchoServer? _echo;
    private RunningServer? _running;
    private int _servicePort;

    public async Task InitializeAsync()
    {
        _echo = await EchoServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "db");
        _servicePort = FreeTcpPort(_clusterIp);
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "manifests"));
        await File.WriteAllTextAsync(Path.Combine(manifests.FullName, "all.yaml"), $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: data}
            spec:
              clusterIP: {{_clusterIp}}
              ports: [{name: http, port: {{_servicePort}}, targetPort: {{_echo.EndPoint.Port}}}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: db-1
              namespace: data
              labels: {kubernetes.io/service-name: db}
            addressType: IPv4
            endpoints:
            - addresses: [127.0.0.1]
              conditions: {ready: true}
            ports: [{name: http, port: {{_echo.EndPoint.Port}}}]
            """);
        _running = await RunningServer.StartAsync(new SwitchyardServer(
            new ServeOptions
            {
                Files = [manifests.FullName],
                Watch = false,
                Admin = new IPEndPoint(IPAddress.Loopback, 0),
                Dns = new IPEndPoint(IPAddress.Loopback, 0),
                // A closed port: forwarded names fail, which the upstream error counter must show.
                DnsUpstream = new IPEndPoint(IPAddress.Loopback, ClosedUdpPort()),
                ServiceProxy = true,
                Translator = new TranslatorOptions { BindAddress = "127.0.0.1", IngressHttp = null, IngressHttps = null },
            },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            _console));
    }

    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        if (_echo is not null)
        {
            await _echo.DisposeAsync();
        }

        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_DnsQueriesAndL4Connections_CountedInMetrics()
    {
        Assert.True(_running!.Server.IsReady, _console.ToString());
        var dns = new LookupClient(new LookupClientOptions(_running.Server.DnsEndpoint!) { UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(10) });
        for (var i = 0; i < 3; i++)
        {
            var answer = await dns.QueryAsync("db.data.svc.cluster.local", QueryType.A);
            Assert.Equal(_clusterIp.ToString(), Assert.Single(answer.Answers.ARecords()).Address.ToString());
        }

        var missing = await dns.QueryAsync("nope.data.svc.cluster.local", QueryType.AAAA);
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, missing.Header.ResponseCode);
        var forwarded = await dns.QueryAsync("www.example.com", QueryType.A);
        Assert.Equal(DnsHeaderResponseCode.ServerFailure, forwarded.Header.ResponseCode);

        // Two HTTP exchanges over separate TCP connections through the cluster IP.
        var body = new string('x', 5000);
        for (var i = 0; i < 2; i++)
        {
            using var client = new HttpClient();
            using var response = await client.PostAsync($"http://{_clusterIp}:{_servicePort}/echo", new StringContent(body));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var metrics = await EventuallyScrapeAsync(m => Value(m, "switchyard_serviceproxy_bytes_total", "direction=\"to_endpoint\"") >= 10_000);

        Assert.Equal(3, Value(metrics, "switchyard_dns_queries_total", "qtype=\"A\",rcode=\"NOERROR\",transport=\"udp\""));
        Assert.Equal(1, Value(metrics, "switchyard_dns_queries_total", "qtype=\"AAAA\",rcode=\"NXDOMAIN\",transport=\"udp\""));
        Assert.Equal(1, Value(metrics, "switchyard_dns_queries_total", "qtype=\"A\",rcode=\"SERVFAIL\",transport=\"udp\""));
        Assert.Equal(3, Value(metrics, "switchyard_dns_query_duration_seconds_count", "qtype=\"A\",rcode=\"NOERROR\",transport=\"udp\""));
        Assert.Equal(1, Value(metrics, "switchyard_dns_upstream_cache_total", "result=\"miss\""));
        Assert.True(Value(metrics, "switchyard_dns_upstream_errors_total", string.Empty) >= 1, metrics);

        Assert.Equal(2, Value(metrics, "switchyard_serviceproxy_flows_total", "outcome=\"forwarded\",protocol=\"tcp\""));
        // The echo answers with a short JSON description, not the body: two responses with headers each.
        Assert.True(Value(metrics, "switchyard_serviceproxy_bytes_total", "direction=\"to_client\"") >= 200, metrics);
        Assert.Equal(1, Value(metrics, "switchyard_service_endpoints", "service=\"data/db\",state=\"ready\""));

        // Names asked for never become label values.
        Assert.DoesNotContain("example.com", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("nope.data", metrics, StringComparison.Ordinal);
    }

    /// <summary>Sum of every series of <paramref name="name"/> whose labels contain all of <paramref name="labels"/> (comma-separated pairs).</summary>
    private static double Value(string metrics, string name, string labels)
    {
        var wanted = labels.Length == 0 ? [] : labels.Split(',');
        var sum = 0.0;
        foreach (Match match in Regex.Matches(metrics, "^" + Regex.Escape(name) + "(?:\\{(?<labels>[^}]*)\\})? (?<value>\\S+)$", RegexOptions.Multiline))
        {
            var present = match.Groups["labels"].Value.Split(',');
            if (wanted.All(w => present.Contains(w, StringComparer.Ordinal)))
            {
                sum += double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    // The relay reports bytes when a connection ends, which can trail the HTTP response by a moment.
    private async Task<string> EventuallyScrapeAsync(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var metrics = await _http.GetStringAsync("http://" + _running!.Server.AdminEndpoint + "/metrics");
            if (done(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }

            await Task.Delay(50);
        }
    }

    private static int FreeTcpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static int ClosedUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
