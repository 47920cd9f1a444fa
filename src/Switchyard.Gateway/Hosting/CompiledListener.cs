using Switchyard.Gateway.Routing;
using Switchyard.Gateway.Tls;
using Switchyard.Ir;

namespace Switchyard.Gateway.Hosting;

/// <summary>Everything one listener serves in one snapshot: its route table and, for HTTPS, its certificates.</summary>
internal sealed class CompiledListener(Listener listener, long generation, RouteTable routes, CertificateTable? certificates)
{
    public Listener Listener { get; } = listener;

    public long Generation { get; } = generation;

    public RouteTable Routes { get; } = routes;

    public CertificateTable? Certificates { get; } = certificates;
}
