using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.ServiceProxy;

/// <summary>The <c>Switchyard.ServiceProxy</c> meter. Tags are rule ids and fixed outcome names only.</summary>
internal sealed class ServiceProxyMetrics
{
    public const string MeterName = "Switchyard.ServiceProxy";

    private readonly Counter<long>? _flows;
    private readonly UpDownCounter<long>? _active;
    private readonly Counter<long>? _bytes;

    public ServiceProxyMetrics(IMeterFactory? factory)
    {
        if (factory is null)
        {
            return;
        }

        var meter = factory.Create(MeterName);
        _flows = meter.CreateCounter<long>("switchyard.serviceproxy.flows", "{flow}", "New TCP connections and UDP flows, by rule, protocol and outcome.");
        _active = meter.CreateUpDownCounter<long>("switchyard.serviceproxy.active_flows", "{flow}", "TCP connections and UDP flows being relayed.");
        _bytes = meter.CreateCounter<long>("switchyard.serviceproxy.bytes", "By", "Payload bytes relayed, by rule, protocol and direction (to_endpoint, to_client).");
    }

    public static ServiceProxyMetrics None { get; } = new(null);

    /// <summary>outcome: forwarded, no_endpoint, connect_failed.</summary>
    public void Flow(string ruleId, string protocol, string outcome)
    {
        if (_flows is { Enabled: true })
        {
            var tags = new TagList
            {
                { "rule", ruleId },
                { "protocol", protocol },
                { "outcome", outcome },
            };
            _flows.Add(1, tags);
        }
    }

    /// <summary>direction: to_endpoint or to_client.</summary>
    public void Bytes(string ruleId, string protocol, string direction, long count)
    {
        if (count > 0 && _bytes is { Enabled: true })
        {
            var tags = new TagList
            {
                { "rule", ruleId },
                { "protocol", protocol },
                { "direction", direction },
            };
            _bytes.Add(count, tags);
        }
    }

    public void Active(string ruleId, string protocol, int delta)
    {
        if (_active is { Enabled: true })
        {
            _active.Add(delta, new KeyValuePair<string, object?>("rule", ruleId), new KeyValuePair<string, object?>("protocol", protocol));
        }
    }
}
