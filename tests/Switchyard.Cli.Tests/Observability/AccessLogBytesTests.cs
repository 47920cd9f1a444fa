using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Switchyard.Gateway;

namespace Switchyard.Cli.Tests.Observability;

/// <summary>
/// The access log's bytes_in and bytes_out are the body bytes actually forwarded, also for bodies without a
/// Content-Length (chunked both ways), on the lean HTTP/1.1 client and on the YARP path.
/// </summary>
public sealed class AccessLogBytesTests
{
    private const int RequestBytes = 12_345;
    private const int ResponseChunks = 5;
    private const int ChunkBytes = 1_000;

    [Theory]
    [InlineData(UpstreamClient.Lean)]
    [InlineData(UpstreamClient.Yarp)]
    public async Task Serve_ChunkedBodiesBothWays_AccessLogCountsTheBytes(UpstreamClient client)
    {
        await using var upstream = await StartUpstreamAsync();
        var dir = Directory.CreateTempSubdirectory("sy-bytes-");
        try
        {
            var gatewayPort = GatewayServe.Loopback.FreePort(IPAddress.Loopback);
            var upstreamPort = new Uri(upstream.Urls.First()).Port;
            var manifests = Directory.CreateDirectory(Path.Combine(dir.FullName, "manifests"));
            await File.WriteAllTextAsync(Path.Combine(manifests.FullName, "all.yaml"), Manifest(gatewayPort, upstreamPort));
            var accessLog = Path.Combine(dir.FullName, "access.log");
            var console = new StringWriter();
            await using (var running = await AccessLoggedServer.StartAsync(manifests.FullName, accessLog, console, client))
            {
                Assert.True(running.Server.IsReady, console.ToString());
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{gatewayPort}/upload");
                request.Headers.Host = "bytes.example.com";

                // A stream of unknown length makes HttpClient send the body chunked.
                request.Content = new StreamContent(new UnknownLengthStream(new byte[RequestBytes]));
                request.Headers.TransferEncodingChunked = true;
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True(response.Headers.TransferEncodingChunked, "the response should stay chunked");
                Assert.Equal(ResponseChunks * ChunkBytes, body.Length);
                Assert.Equal(RequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-Received").Single());
            }

            var line = Assert.Single(await File.ReadAllLinesAsync(accessLog));
            using var entry = JsonDocument.Parse(line);
            Assert.Equal(RequestBytes, entry.RootElement.GetProperty("bytes_in").GetInt64());
            Assert.Equal(ResponseChunks * ChunkBytes, entry.RootElement.GetProperty("bytes_out").GetInt64());

            // A named rule (HTTPRouteNamedRouteRule) is logged by its name.
            Assert.Equal("uploads", entry.RootElement.GetProperty("rule").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Reads the whole request body, then answers in chunks without a Content-Length.</summary>
    private static async Task<WebApplication> StartUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/upload", static async context =>
        {
            var received = 0L;
            var buffer = new byte[4096];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                received += read;
            }

            context.Response.Headers["X-Received"] = received.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var chunk = new byte[ChunkBytes];
            for (var i = 0; i < ResponseChunks; i++)
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        });
        await app.StartAsync();
        return app;
    }

    private static string Manifest(int gatewayPort, int upstreamPort) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: switchyard}
        spec: {controllerName: switchyard.dev/gateway-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: web, namespace: demo}
        spec:
          gatewayClassName: switchyard
          listeners: [{name: http, protocol: HTTP, port: {{gatewayPort}}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: upload, namespace: demo}
        spec:
          ports: [{name: http, port: 80, targetPort: {{upstreamPort}}}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: upload-1
          namespace: demo
          labels: {kubernetes.io/service-name: upload}
        addressType: IPv4
        endpoints: [{addresses: [127.0.0.1]}]
        ports: [{name: http, port: {{upstreamPort}}}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: upload, namespace: demo}
        spec:
          parentRefs: [{name: web}]
          hostnames: [bytes.example.com]
          rules:
          - name: uploads
            backendRefs: [{name: upload, port: 80}]
        """;

    /// <summary>A memory stream that hides its length, so the client must send it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
