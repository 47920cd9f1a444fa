using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Gateway.Tests.Integration;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Forwarding.Http1;

/// <summary>
/// The lean HTTP/1.1 client over real sockets against a backend whose bytes the test controls. Behaviour both clients
/// must share runs as a theory over both, so the lean path is held to what the YARP path does.
/// </summary>
public sealed class Http1ForwarderTests
{
    public static TheoryData<UpstreamClient> Clients => new() { UpstreamClient.Lean, UpstreamClient.Yarp };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ChunkedResponse_SeveralChunksAndTrailers_ClientGetsWholeBody(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n");
            await exchange.WriteAsync("1;ext=1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n");
        });
        await using var gateway = await StartAsync(upstream, client);

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/chunked");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("hello world!", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, upstream.Connections);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task RequestBody_UnknownLength_StreamedChunkedToBackend(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Ok();
        await using var gateway = await StartAsync(upstream, client);
        var body = RandomBytes(300_000);

        using var content = new StreamContent(new NoLengthStream(body));
        using var response = await gateway.Client.PostAsync("http://example.com/upload", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Requests);
        Assert.True(received.Chunked);
        Assert.Null(received.Value("Content-Length"));
        Assert.Equal(body, received.Body);
    }

    [Fact]
    public async Task LargeBodies_BothWays_ForwardedIntactOverOneConnection()
    {
        var responseBody = RandomBytes(3_000_000);
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            var digest = Convert.ToHexString(SHA256.HashData(exchange.Request.Body));
            await exchange.WriteAsync($"HTTP/1.1 200 OK\r\nX-Request-Digest: {digest}\r\nContent-Length: {responseBody.Length}\r\n\r\n");
            await exchange.WriteAsync(responseBody);
        });
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);
        var requestBody = RandomBytes(2_000_000);

        for (var i = 0; i < 2; i++)
        {
            using var response = await gateway.Client.PostAsync("http://example.com/big", new ByteArrayContent(requestBody));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(requestBody)), response.Headers.GetValues("X-Request-Digest").Single());
            Assert.Equal(responseBody, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.All(upstream.Requests, r => Assert.Equal("2000000", r.Value("Content-Length")));
        Assert.Equal(1, upstream.Connections);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task BodylessResponses_HeadAnd204And304_NoBodyAndConnectionReused(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(exchange => exchange.WriteAsync(exchange.Request.Target switch
        {
            "/head" => "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/plain\r\n\r\n",
            "/204" => "HTTP/1.1 204 No Content\r\nX-Kind: empty\r\n\r\n",
            "/304" => "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n",
            _ => "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone",
        }));
        await using var gateway = await StartAsync(upstream, client);

        using (var head = await gateway.SendAsync(HttpMethod.Head, "http://example.com/head"))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(1234, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using (var noContent = await gateway.GetAsync("http://example.com/204"))
        {
            Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
            Assert.Equal("empty", noContent.Headers.GetValues("X-Kind").Single());
            Assert.Empty(await noContent.Content.ReadAsByteArrayAsync());
        }

        using (var notModified = await gateway.GetAsync("http://example.com/304"))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal("\"v1\"", notModified.Headers.ETag?.Tag);
        }

        using (var last = await gateway.GetAsync("http://example.com/last"))
        {
            Assert.Equal("done", await last.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, upstream.Connections);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ConnectionClose_FromBackend_BodyToCloseThenNewConnection(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
            exchange.Close = true;
        });
        await using var gateway = await StartAsync(upstream, client);

        for (var i = 0; i < 2; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/close");
            Assert.Equal("until the end", await response.Content.ReadAsStringAsync());
            Assert.False(response.Headers.Contains("X-Never"));
        }

        Assert.Equal(2, upstream.Connections);
    }

    [Fact]
    public async Task BackendClosesIdleConnection_NextRequestRetriedOnNewConnection()
    {
        // Keep-alive by the protocol, but the backend closes right after answering: the pooled connection is stale.
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            exchange.Close = true;
        });
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);

        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/stale");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(3, upstream.Connections);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task BackendDiesMidResponse_ClientBodyFailsAndNextRequestWorks(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            if (exchange.Request.Target == "/dies")
            {
                await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
                await exchange.WriteAsync(RandomBytes(200_000));
                exchange.Close = true;
                return;
            }

            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfine!");
        });
        await using var gateway = await StartAsync(upstream, client);

        var failed = await Record.ExceptionAsync(async () =>
        {
            using var response = await gateway.GetAsync("http://example.com/dies");
            await response.Content.ReadAsByteArrayAsync();
        });

        Assert.True(failed is HttpRequestException or IOException, failed?.ToString() ?? "no exception");
        using var next = await gateway.GetAsync("http://example.com/next");
        Assert.Equal("fine!", await next.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task BackendClosesBeforeAnyByte_Returns502(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(exchange =>
        {
            exchange.Close = true;
            return Task.CompletedTask;
        });
        await using var gateway = await StartAsync(upstream, client);

        using var response = await gateway.GetAsync("http://example.com/nothing");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Theory]
    [InlineData("HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")]
    public async Task InvalidResponseHead_Returns502(string answer)
    {
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            await exchange.WriteAsync(answer);
            exchange.Close = true;
        });
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);

        using var response = await gateway.GetAsync("http://example.com/invalid");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task KeepAlive_ManyRequests_OneConnectionNeverPipelined()
    {
        await using var upstream = RawUpstream.Ok("pong");
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);

        for (var i = 0; i < 50; i++)
        {
            using var response = await gateway.GetAsync("http://example.com/ping?i=" + i);
            Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, upstream.Connections);
        Assert.Equal(50, upstream.Requests.Count);
        Assert.False(upstream.SawPipelining);
    }

    [Fact]
    public async Task ConcurrentRequests_ConnectionsPooledPerEndpointWithoutPipelining()
    {
        await using var upstream = RawUpstream.Start(async exchange =>
        {
            await Task.Delay(20);
            await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var response = await gateway.GetAsync("http://example.com/parallel");
                Assert.Equal("ok", await response.Content.ReadAsStringAsync());
            }));
        }

        Assert.Equal(24, upstream.Requests.Count);
        Assert.InRange(upstream.Connections, 1, 8);
        Assert.False(upstream.SawPipelining);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Headers_CasingMultipleValuesAndHopByHop_ForwardedAsTheYarpPathDoes(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(exchange => exchange.WriteAsync(
            "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-MiXeD-Case: yes\r\nConnection: X-Secret\r\nX-Secret: s\r\n"
            + "Keep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n"));
        await using var gateway = await StartAsync(upstream, client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://app.example.com/h?q=1");
        request.Headers.TryAddWithoutValidation("x-CUSTOM-header", "v");
        request.Headers.TryAddWithoutValidation("X-Multi", ["a", "b"]);
        request.Headers.TryAddWithoutValidation("Connection", "X-Hop");
        request.Headers.TryAddWithoutValidation("X-Hop", "1");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic eDp5");

        using var response = await gateway.Client.SendAsync(request);

        var received = Assert.Single(upstream.Requests);
        Assert.Equal("/h?q=1", received.Target);
        Assert.Contains(received.Headers, h => h.Name == "x-CUSTOM-header" && h.Value == "v");
        Assert.Equal("a, b", string.Join(", ", received.Values("X-Multi")));
        Assert.Equal("app.example.com", received.Value("Host"));
        Assert.Equal("127.0.0.1", received.Value("X-Forwarded-For"));
        Assert.Empty(received.Values("Connection"));
        if (client == UpstreamClient.Lean)
        {
            // RFC 9110 §7.6.1: fields the client named in Connection are not forwarded (YARP forwards them).
            Assert.Empty(received.Values("X-Hop"));
        }

        Assert.Empty(received.Values("Proxy-Authorization"));
        Assert.Equal(["a=1", "b=2"], response.Headers.GetValues("Set-Cookie"));
        Assert.Equal("yes", response.Headers.GetValues("X-Mixed-Case").Single());
        Assert.False(response.Headers.Contains("Keep-Alive"));
        if (client == UpstreamClient.Lean)
        {
            Assert.False(response.Headers.Contains("X-Secret"));
        }
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task InterimResponses_FromBackend_SkippedBeforeFinalResponse(UpstreamClient client)
    {
        await using var upstream = RawUpstream.Start(exchange => exchange.WriteAsync(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\ncreated"));
        await using var gateway = await StartAsync(upstream, client);

        using var response = await gateway.Client.PostAsync("http://example.com/interim", new StringContent("payload"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("created", await response.Content.ReadAsStringAsync());
        Assert.Equal("payload", Encoding.UTF8.GetString(Assert.Single(upstream.Requests).Body));
    }

    [Fact]
    public async Task Expect100Continue_ClientGetsContinueThenBodyIsForwarded()
    {
        await using var upstream = RawUpstream.Ok("stored");
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(gateway.Gateway);
        await using var stream = new NetworkStream(socket);

        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /expect HTTP/1.1\r\nHost: example.com\r\nContent-Length: 9\r\nExpect: 100-continue\r\n\r\n"));
        var interim = await ReadUntilAsync(stream, "\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 100 Continue", interim, StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("the body!"));
        var final = await ReadUntilAsync(stream, "stored");

        Assert.StartsWith("HTTP/1.1 200 OK", final, StringComparison.Ordinal);
        var received = Assert.Single(upstream.Requests);
        Assert.Equal("the body!", Encoding.ASCII.GetString(received.Body));
        Assert.Empty(received.Values("Expect"));
    }

    [Fact]
    public async Task ReasonPhrase_NotTheDefault_PassedToClient()
    {
        await using var upstream = RawUpstream.Start(exchange => exchange.WriteAsync("HTTP/1.1 404 Nothing Here\r\nContent-Length: 0\r\n\r\n"));
        await using var gateway = await StartAsync(upstream, UpstreamClient.Lean);

        using var response = await gateway.GetAsync("http://example.com/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Nothing Here", response.ReasonPhrase);
    }

    private static async Task<GatewayHarness> StartAsync(RawUpstream upstream, UpstreamClient client) => await GatewayHarness.StartAsync(
        GatewayHarness.Snapshot([Cluster("raw", BackendProtocol.Http1, upstream.EndPoint)], Host("any", null, Rule("r", action: Forward(("raw", 1))))),
        new GatewayDataPlaneOptions { UpstreamClient = client });

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    /// <summary>A request body HttpClient cannot know the length of, so it sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
