using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Cli.Observability;
using Switchyard.Gateway.Telemetry;

namespace Switchyard.Cli.Tests.Observability;

public sealed class AccessLogFormatterTests
{
    [Theory]
    [InlineData(2026, 1, 2, 3, 4, 5, 6, "2026-01-02T03:04:05.006Z")]
    [InlineData(1999, 12, 31, 23, 59, 59, 999, "1999-12-31T23:59:59.999Z")]
    [InlineData(2026, 11, 25, 0, 0, 0, 0, "2026-11-25T00:00:00.000Z")]
    public void WriteTime_IsoUtcWithMilliseconds(int year, int month, int day, int hour, int minute, int second, int millisecond, string expected)
    {
        Span<byte> text = stackalloc byte[64];
        var written = AccessLogFormatter.WriteTime(text, new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc));
        Assert.Equal(expected, Encoding.ASCII.GetString(text[..written]));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(15_000L, "1.5")]
    [InlineData(20_000L, "2")]
    [InlineData(424L, "0.042")]
    [InlineData(425L, "0.043")]
    [InlineData(4L, "0")]
    [InlineData(5L, "0.001")]
    [InlineData(123_456_789L, "12345.679")]
    [InlineData(10_000_000L * 3600, "3600000")]
    public void WriteMilliseconds_RoundsToTheMicrosecondAndDropsTrailingZeros(long ticks, string expected)
    {
        Span<byte> text = stackalloc byte[64];
        var written = AccessLogFormatter.WriteMilliseconds(text, TimeSpan.FromTicks(ticks));
        Assert.Equal(expected, Encoding.ASCII.GetString(text[..written]));
    }

    [Fact]
    public void WriteMilliseconds_AgreesWithRoundingTheDouble()
    {
        Span<byte> text = stackalloc byte[64];
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(0, 50_000_000);
            var written = AccessLogFormatter.WriteMilliseconds(text, TimeSpan.FromTicks(ticks));
            var parsed = double.Parse(Encoding.ASCII.GetString(text[..written]), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(ticks / 10_000.0, parsed, 0.0005 + 1e-9);
        }
    }

    [Fact]
    public void Format_WritesEveryFieldWithEscaping()
    {
        var entry = Entry() with { Path = "/a\"b\\c", Route = "ns/quote\"route", Endpoint = "[2001:db8::1]:8080", Sni = "bench.example.com" };

        var root = Parse(new AccessLogFormatter(), entry);

        Assert.Equal("2026-11-25T10:20:30.040Z", root.GetProperty("time").GetString());
        Assert.Equal("192.0.2.7", root.GetProperty("client_address").GetString());
        Assert.Equal(40000, root.GetProperty("client_port").GetInt32());
        Assert.Equal("198.51.100.1", root.GetProperty("x_forwarded_for").GetString());
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal("/a\"b\\c", root.GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", root.GetProperty("protocol").GetString());
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("bytes_in").ValueKind);
        Assert.Equal(3, root.GetProperty("bytes_out").GetInt64());
        Assert.Equal(1.25, root.GetProperty("duration_ms").GetDouble());
        Assert.Equal(0.5, root.GetProperty("upstream_ms").GetDouble());
        Assert.Equal("ns/quote\"route", root.GetProperty("route").GetString());
        Assert.Equal("web/app", root.GetProperty("service").GetString());
        Assert.Equal("[2001:db8::1]:8080", root.GetProperty("endpoint").GetString());
        Assert.Equal("bench.example.com", root.GetProperty("sni").GetString());
    }

    [Fact]
    public void Format_CachedValuesFollowTheStringsOfEachEntry()
    {
        // Label strings are cached by reference; equal text in new strings (a reload) and many distinct values
        // (beyond the cache's bound) must still be written as they are.
        var formatter = new AccessLogFormatter();
        for (var i = 0; i < 5000; i++)
        {
            var route = "ns/route-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var root = Parse(formatter, Entry() with { Route = route, Service = i % 2 == 0 ? null : "web/" + route });
            Assert.Equal(route, root.GetProperty("route").GetString());
            if (i % 2 == 0)
            {
                Assert.Equal(JsonValueKind.Null, root.GetProperty("service").ValueKind);
            }
            else
            {
                Assert.Equal("web/" + route, root.GetProperty("service").GetString());
            }
        }

        var again = Parse(formatter, Entry() with { Route = new string("ns/route-1".AsSpan()) });
        Assert.Equal("ns/route-1", again.GetProperty("route").GetString());
    }

    private static AccessLogEntry Entry() => new()
    {
        Time = new DateTimeOffset(2026, 11, 25, 10, 20, 30, 40, TimeSpan.Zero),
        ClientAddress = IPAddress.Parse("192.0.2.7"),
        ClientPort = 40000,
        ForwardedFor = "198.51.100.1",
        Method = "GET",
        Host = "bench.example.com",
        Path = "/",
        Protocol = "HTTP/1.1",
        Status = 200,
        BytesIn = null,
        BytesOut = 3,
        Duration = TimeSpan.FromTicks(12_500),
        UpstreamDuration = TimeSpan.FromTicks(5_000),
        Gateway = "ns/gw",
        Listener = "http",
        Route = "ns/route",
        Rule = "0",
        Service = "web/app",
        Endpoint = "127.0.0.1:8080",
    };

    private static JsonElement Parse(AccessLogFormatter formatter, AccessLogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            formatter.Format(json, in entry);
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
