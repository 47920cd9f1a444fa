using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Cli.Tests.Serving;
using Switchyard.Gateway.Echo;

namespace Switchyard.Cli.Tests.Observability;

/// <summary>Real traffic through an in-process <c>serve</c>, then admin <c>/metrics</c> and the access log are checked.</summary>
public sealed class ObservabilityTests : IAsyncLifetime
{
    private const int DistinctPaths = 1000;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sy-obs-");
    private readonly StringWriter _console = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private EchoServer? _echo;
    private RunningServer? _running;
    private int _gatewayPort;

    private string AccessLogPath => Path.Combine(_dir.FullName, "access.log");

    public async Task InitializeAsync()
    {
        _echo = await EchoServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), "web");
        _gatewayPort = FreePort();
        var manifests = Directory.CreateDirectory(Path.Combine(_dir.FullName, "manifests"));
        await File.WriteAllTextAsync(Path.Combine(manifests.FullName, "all.yaml"), Manifest(_gatewayPort, _echo.EndPoint.Port));
        _running = await AccessLoggedServer.StartAsync(manifests.FullName, AccessLogPath, _console);
    }

    public async Task DisposeAsync()
    {
        await StopServerAsync();
        if (_echo is not null)
        {
            await _echo.DisposeAsync();
        }

        _http.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_RealTraffic_MetricsAndAccessLogDescribeIt()
    {
        Assert.True(_running!.Server.IsReady, _console.ToString());
        var gateway = "http://127.0.0.1:" + _gatewayPort;
        for (var i = 0; i < DistinctPaths; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, gateway + "/p/" + i);
            request.Headers.Host = "web.example.com";
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var unmatched = new HttpRequestMessage(HttpMethod.Get, gateway + "/nothing"))
        {
            unmatched.Headers.Host = "other.test";
            unmatched.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await _http.SendAsync(unmatched);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var metrics = await _http.GetStringAsync("http://" + _running.Server.AdminEndpoint + "/metrics");

        // Counters and labels.
        var served = Sample(metrics, "switchyard_gateway_requests_total",
            """code="2xx",gateway="demo/web",listener="http",route="demo/web",rule="0",service="demo/web" """.TrimEnd());
        Assert.Equal(DistinctPaths, served);
        Assert.Equal(1, Sample(metrics, "switchyard_gateway_requests_total",
            """code="4xx",gateway="none",listener="none",route="none",rule="none",service="none" """.TrimEnd()));
        Assert.Contains("switchyard_gateway_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Equal(1, Sample(metrics, "switchyard_config_reloads_total", """result="applied" """.TrimEnd()));
        Assert.Equal(1, Sample(metrics, "switchyard_service_endpoints", """service="demo/web",state="ready" """.TrimEnd()));
        Assert.Equal(0, Sample(metrics, "switchyard_config_objects_refused", string.Empty));
        Assert.Contains("switchyard_gateway_connections_active", metrics, StringComparison.Ordinal);

        // Bounded cardinality: 1,000 distinct paths and a client-sent header add no series; nothing raw leaks.
        var requestSeries = Regex.Matches(metrics, "^switchyard_gateway_requests_total\\{", RegexOptions.Multiline).Count;
        Assert.Equal(2, requestSeries);
        Assert.DoesNotContain("/p/", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("web.example.com", metrics, StringComparison.Ordinal);

        // Every access-log line is one JSON object with every field.
        await StopServerAsync();
        var lines = await File.ReadAllLinesAsync(AccessLogPath);
        Assert.Equal(DistinctPaths + 1, lines.Length);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            foreach (var field in new[]
            {
                "time", "client_address", "client_port", "x_forwarded_for", "method", "host", "path", "protocol", "status", "bytes_in",
                "bytes_out", "duration_ms", "upstream_ms", "gateway", "listener", "route", "rule", "service", "endpoint", "sni",
            })
            {
                Assert.True(root.TryGetProperty(field, out _), "missing " + field + " in " + line);
            }

            Assert.True(DateTimeOffset.TryParse(root.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal("127.0.0.1", root.GetProperty("client_address").GetString());
            Assert.Equal("GET", root.GetProperty("method").GetString());
            Assert.Equal("HTTP/1.1", root.GetProperty("protocol").GetString());
            Assert.True(root.GetProperty("duration_ms").GetDouble() >= 0);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("sni").ValueKind);
            var path = root.GetProperty("path").GetString()!;
            paths.Add(path);
            if (path == "/nothing")
            {
                Assert.Equal(404, root.GetProperty("status").GetInt32());
                Assert.Equal("203.0.113.7", root.GetProperty("x_forwarded_for").GetString());
                Assert.Equal("none", root.GetProperty("route").GetString());
                Assert.Equal(JsonValueKind.Null, root.GetProperty("upstream_ms").ValueKind);
                Assert.Equal(JsonValueKind.Null, root.GetProperty("endpoint").ValueKind);
            }
            else
            {
                Assert.Equal(200, root.GetProperty("status").GetInt32());
                Assert.Equal("web.example.com", root.GetProperty("host").GetString());
                Assert.Equal("demo/web", root.GetProperty("gateway").GetString());
                Assert.Equal("http", root.GetProperty("listener").GetString());
                Assert.Equal("demo/web", root.GetProperty("route").GetString());
                Assert.Equal("0", root.GetProperty("rule").GetString());
                Assert.Equal("demo/web", root.GetProperty("service").GetString());
                Assert.Equal("127.0.0.1:" + _echo!.EndPoint.Port, root.GetProperty("endpoint").GetString());
                Assert.True(root.GetProperty("upstream_ms").GetDouble() >= 0);
                Assert.Equal(JsonValueKind.Null, root.GetProperty("x_forwarded_for").ValueKind);
            }
        }

        Assert.Equal(DistinctPaths + 1, paths.Count);
    }

    /// <summary>The value of the series <c>name{labels}</c> (labels in exposition order), or fails showing the scrape.</summary>
    private static double Sample(string metrics, string name, string labels)
    {
        var prefix = labels.Length == 0 ? name + " " : name + "{" + labels + "} ";
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return double.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail("no series " + prefix + " in:\n" + metrics);
        return double.NaN;
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string Manifest(int gatewayPort, int echoPort) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: switchyard
        spec:
          controllerName: switchyard.dev/gateway-controller
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: web
          namespace: demo
        spec:
          gatewayClassName: switchyard
          listeners:
          - name: http
            protocol: HTTP
            port: {{gatewayPort}}
            hostname: "*.example.com"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-1
          namespace: demo
          labels: {app: web}
        spec:
          containers:
          - name: echo
            image: switchyard/echo
            ports: [{name: http, containerPort: {{echoPort}}}]
        status:
          phase: Running
          podIP: 127.0.0.1
          podIPs: [{ip: 127.0.0.1}]
          conditions: [{type: Ready, status: "True"}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: demo
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: web
          namespace: demo
        spec:
          parentRefs:
          - name: web
          hostnames: ["web.example.com"]
          rules:
          - backendRefs:
            - {name: web, port: 80}
        """;

    private async Task StopServerAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
            _running = null;
        }
    }
}
