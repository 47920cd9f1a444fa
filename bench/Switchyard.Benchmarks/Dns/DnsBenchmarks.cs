using BenchmarkDotNet.Attributes;
using Switchyard.Dns;
using Switchyard.Dns.Protocol;

namespace Switchyard.Benchmarks.Dns;

/// <summary>
/// Decode + answer one query from a view of 500 dual-stack Services, 50 headless Services and their endpoints.
/// Target: 0 B allocated per query (the whole path is spans over pre-encoded RRsets).
/// </summary>
[MemoryDiagnoser]
public class DnsBenchmarks
{
    private readonly byte[] _response = new byte[1232];
    private DnsView _view = null!;
    private byte[] _a = null!;
    private byte[] _aMixedCase = null!;
    private byte[] _aaaaEdns = null!;
    private byte[] _srv = null!;
    private byte[] _headless = null!;
    private byte[] _nxdomain = null!;
    private byte[] _ptr = null!;

    [GlobalSetup]
    public void Setup()
    {
        _view = DnsView.Compile(DnsBenchHost.Translate(BenchCluster.Manifests()));
        _a = Query("svc-300.ns-0.svc.cluster.local.", 1, edns: false);
        _aMixedCase = Query("SVC-300.Ns-0.svc.Cluster.Local.", 1, edns: false);
        _aaaaEdns = Query("svc-300.ns-0.svc.cluster.local.", 28, edns: true);
        _srv = Query("_http._tcp.svc-300.ns-0.svc.cluster.local.", 33, edns: true);
        _headless = Query("db-42.ns-2.svc.cluster.local.", 1, edns: true);
        _nxdomain = Query("missing.ns-0.svc.cluster.local.", 1, edns: true);
        _ptr = Query("1.2.0.192.in-addr.arpa.", 12, edns: false);
    }

    [Benchmark(Baseline = true)]
    public int A() => Respond(_a);

    [Benchmark]
    public int AMixedCase() => Respond(_aMixedCase);

    [Benchmark]
    public int AaaaEdns() => Respond(_aaaaEdns);

    [Benchmark]
    public int SrvWithAdditional() => Respond(_srv);

    [Benchmark]
    public int HeadlessFiveRecords() => Respond(_headless);

    [Benchmark]
    public int Nxdomain() => Respond(_nxdomain);

    [Benchmark]
    public int Ptr() => Respond(_ptr);

    private int Respond(byte[] query) => DnsResponder.Respond(_view, query, _response, false, default, out _);

    private static byte[] Query(string name, ushort type, bool edns)
    {
        var buffer = new byte[512];
        DnsWire.TryWriteHeader(buffer, new DnsHeader { Id = 1, Flags = DnsHeader.FlagRecursionDesired, QuestionCount = 1, AdditionalCount = edns ? (ushort)1 : (ushort)0 });
        DnsWire.TryEncodeName(name, buffer.AsSpan(12), out var nameLength);
        var position = 12 + nameLength;
        buffer[position + 1] = (byte)type;
        buffer[position + 3] = 1;
        position += 4;
        if (edns)
        {
            DnsWire.TryWriteOpt(buffer.AsSpan(position), 1232, 0, false, out var written);
            position += written;
        }

        return buffer[..position];
    }
}
