using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>The <c>Switchyard.Gateway</c> meter. Tag values come from the configuration (route, cluster) or the status code.</summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Switchyard.Gateway";

    private readonly Meter? _owned;

    public GatewayMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_owned = new Meter(MeterName));
        RequestDuration = meter.CreateHistogram<double>(
            "switchyard.gateway.request.duration", "s", "Time to serve a request, by route (ns/name, or none) and status code.");
        Ejections = meter.CreateCounter<long>(
            "switchyard.gateway.endpoint.ejections", "{ejection}", "Endpoints passively ejected after a connect failure, by cluster.");
    }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Ejections { get; }

    public void Dispose() => _owned?.Dispose();
}
