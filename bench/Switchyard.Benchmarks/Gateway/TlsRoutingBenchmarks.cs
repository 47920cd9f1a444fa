using BenchmarkDotNet.Attributes;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.Tls;
using Switchyard.Gateway.TlsRouting;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Benchmarks.Gateway;

/// <summary>
/// The per-connection work of a TLS listener before the relay: reading the SNI name out of a ClientHello (a typical
/// 512-byte browser-sized hello in one record, and the same split into 64-byte records) and picking the listener and
/// route for it among 10,000 route hostnames (exact and wildcard). Targets: a few hundred ns; the parse allocates
/// only the name.
/// </summary>
[MemoryDiagnoser]
public class TlsRoutingBenchmarks
{
    private const int Routes = 10_000;

    private byte[] _hello = null!;
    private byte[] _fragmented = null!;
    private CompiledTlsListener _listener = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handshake = ClientHello("svc4242.tenant42.example.com");
        _hello = Records(handshake, 1 << 14);
        _fragmented = Records(handshake, 64);

        var routes = new List<SniRoute>(Routes);
        for (var i = 0; i < Routes; i++)
        {
            routes.Add(new SniRoute
            {
                Id = "tlsroute/bench/r" + i,
                Route = "bench/r" + i,
                Hostname = i % 10 == 0 ? "*.tenant" + (i / 10) + ".example.com" : "svc" + i + ".tenant" + (i / 100) + ".example.com",
                Backends = [new SniBackend { ClusterId = "service/bench/r" + i + "/port/443", Weight = 1, Rejected = true }],
            });
        }

        var listener = new TlsListener
        {
            Id = "0.0.0.0:443",
            Address = "0.0.0.0",
            Port = 443,
            Hosts = [new SniHost { Id = "bench/gw/tls", Mode = TlsMode.Passthrough, Routes = [.. routes] }],
        };
        _listener = CompiledTlsListener.Create(listener, 1, new Dictionary<string, CompiledCluster>(StringComparer.Ordinal), new CertificateCache(), new List<string>());
    }

    [Benchmark]
    public string? ParseOneRecord()
    {
        ClientHelloParser.Parse(_hello, out var name, out _);
        return name;
    }

    [Benchmark]
    public string? ParseFragmented()
    {
        ClientHelloParser.Parse(_fragmented, out var name, out _);
        return name;
    }

    [Benchmark]
    public object? FindExact() => _listener.Find("svc4242.tenant42.example.com").Route;

    [Benchmark]
    public object? FindWildcard() => _listener.Find("other.tenant42.example.com").Route;

    private static byte[] ClientHello(string serverName)
    {
        var body = new List<byte> { 3, 3 };
        body.AddRange(new byte[32]);
        body.Add(32);
        body.AddRange(new byte[32]);
        body.AddRange([0, 32]);
        body.AddRange(new byte[32]);
        body.AddRange([1, 0]);
        var extensions = new List<byte>();
        void Extension(ushort type, byte[] data)
        {
            extensions.AddRange([(byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length]);
            extensions.AddRange(data);
        }

        var name = System.Text.Encoding.ASCII.GetBytes(serverName);
        Extension(0, [0, (byte)(name.Length + 3), 0, 0, (byte)name.Length, .. name]);
        Extension(10, [0, 8, 0x11, 0xEC, 0, 29, 0, 23, 0, 24]);
        Extension(13, new byte[18]);
        Extension(16, [0, 12, 2, (byte)'h', (byte)'2', 8, .. "http/1.1"u8]);
        Extension(43, [4, 3, 4, 3, 3]);
        Extension(51, new byte[38]);

        // padding (RFC 7685) up to the size browsers send: 4 handshake header bytes + 508.
        Extension(21, new byte[Math.Max(0, 508 - body.Count - 2 - extensions.Count - 4)]);
        body.AddRange([(byte)(extensions.Count >> 8), (byte)extensions.Count]);
        body.AddRange(extensions);
        return [1, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count, .. body];
    }

    private static byte[] Records(byte[] handshake, int fragment)
    {
        var result = new List<byte>();
        for (var offset = 0; offset < handshake.Length; offset += fragment)
        {
            var length = Math.Min(fragment, handshake.Length - offset);
            result.AddRange([22, 3, 1, (byte)(length >> 8), (byte)length]);
            result.AddRange(handshake.AsSpan(offset, length).ToArray());
        }

        return [.. result];
    }
}
