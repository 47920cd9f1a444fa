using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchyard.Dns.Protocol;

namespace Switchyard.Dns;

/// <summary>
/// Instruments of the <c>Switchyard.Dns</c> meter. Tags come from bounded sets only: rcode and query type names,
/// transport, cache result.
/// </summary>
internal sealed class DnsMetrics
{
    public const string MeterName = "Switchyard.Dns";

    private readonly Counter<long> _queries;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _cache;
    private readonly Counter<long> _upstreamErrors;

    public DnsMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        _queries = meter.CreateCounter<long>("switchyard.dns.queries", "{query}", "DNS queries answered, by rcode, query type and transport");
        _duration = meter.CreateHistogram<double>("switchyard.dns.query.duration", "s", "Time from receiving a query to having its response");
        _cache = meter.CreateCounter<long>("switchyard.dns.upstream.cache", "{query}", "Forwarded queries answered from the cache (hit) or the upstream (miss)");
        _upstreamErrors = meter.CreateCounter<long>("switchyard.dns.upstream.errors", "{query}", "Forwarded queries the upstream did not answer, by reason (timeout, network)");
    }

    public void Query(in DnsQueryResult result, bool tcp, long startTimestamp)
    {
        if (!_queries.Enabled && !_duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "rcode", RcodeName(result.Rcode) },
            { "qtype", TypeName(result.QueryType) },
            { "transport", tcp ? "tcp" : "udp" },
        };
        _queries.Add(1, tags);
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        }
    }

    public void Cache(bool hit)
    {
        if (_cache.Enabled)
        {
            _cache.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
        }
    }

    /// <summary><paramref name="reason"/>: timeout (no answer after the retries) or network (a socket error).</summary>
    public void UpstreamError(string reason)
    {
        if (_upstreamErrors.Enabled)
        {
            _upstreamErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private static string RcodeName(DnsRcode rcode) => rcode switch
    {
        DnsRcode.NoError => "NOERROR",
        DnsRcode.FormErr => "FORMERR",
        DnsRcode.ServFail => "SERVFAIL",
        DnsRcode.NXDomain => "NXDOMAIN",
        DnsRcode.NotImp => "NOTIMP",
        DnsRcode.Refused => "REFUSED",
        DnsRcode.BadVers => "BADVERS",
        _ => "other",
    };

    private static string TypeName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        255 => "ANY",
        _ => "other",
    };
}
