using System.Diagnostics.Metrics;
using k8s.Models;
using Switchyard.Resources.Model;
using Switchyard.Resources.Store;

namespace Switchyard.Cli.Observability;

/// <summary>
/// The <c>Switchyard.Config</c> meter: reloads by result, the time and generation of the last applied configuration,
/// objects refused by the last load, and per-Service ready/not-ready endpoint counts (computed once per reload,
/// read at scrape time).
/// </summary>
internal sealed class ConfigMetrics
{
    public const string MeterName = "Switchyard.Config";

    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly Counter<long> _reloads;
    private readonly TimeProvider _time;
    private long _lastReloadUnixMs;
    private long _generation;
    private int _refused;
    private Measurement<long>[] _endpoints = [];

    public ConfigMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _reloads = meter.CreateCounter<long>(
            "switchyard.config.reloads", "{reload}", "Configuration loads by result: applied, unchanged, rejected (snapshot invalid, last good kept).");
        meter.CreateObservableGauge(
            "switchyard.config.last_reload.time", () => Volatile.Read(ref _lastReloadUnixMs) / 1000.0, "s", "Unix time of the last configuration load.");
        meter.CreateObservableGauge(
            "switchyard.config.generation", () => Volatile.Read(ref _generation), "{generation}", "Generation of the snapshot in service.");
        meter.CreateObservableGauge(
            "switchyard.config.objects.refused", () => Volatile.Read(ref _refused), "{object}", "Objects refused by the last load (see the logs for file, object and field).");
        meter.CreateObservableGauge(
            "switchyard.service.endpoints", () => Volatile.Read(ref _endpoints), "{endpoint}", "Endpoints per Service (ns/name) by state (ready, not_ready), from the EndpointSlices.");
    }

    /// <summary>Records one load: <paramref name="result"/> is applied, unchanged or rejected.</summary>
    public void OnReload(string result, long generation, int refused, StoreSnapshot store)
    {
        _reloads.Add(1, new KeyValuePair<string, object?>("result", result));
        Volatile.Write(ref _lastReloadUnixMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
        Volatile.Write(ref _generation, generation);
        Volatile.Write(ref _refused, refused);
        Volatile.Write(ref _endpoints, CountEndpoints(store));
    }

    private static Measurement<long>[] CountEndpoints(StoreSnapshot store)
    {
        var counts = new SortedDictionary<string, (long Ready, long NotReady)>(StringComparer.Ordinal);
        foreach (var slice in store.OfType<V1EndpointSlice>())
        {
            if (slice.Metadata?.Labels is not { } labels || !labels.TryGetValue(ServiceNameLabel, out var service))
            {
                continue;
            }

            var key = string.Concat(slice.Metadata.NamespaceProperty ?? "default", "/", service);
            counts.TryGetValue(key, out var count);
            foreach (var endpoint in slice.Endpoints ?? [])
            {
                var addresses = endpoint.Addresses?.Count ?? 0;
                if (EndpointConditions.IsReady(endpoint.Conditions))
                {
                    count.Ready += addresses;
                }
                else
                {
                    count.NotReady += addresses;
                }
            }

            counts[key] = count;
        }

        var measurements = new List<Measurement<long>>(counts.Count * 2);
        foreach (var (service, count) in counts)
        {
            measurements.Add(new Measurement<long>(count.Ready, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("state", "ready")));
            measurements.Add(new Measurement<long>(count.NotReady, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("state", "not_ready")));
        }

        return [.. measurements];
    }
}
