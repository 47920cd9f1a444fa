namespace Switchyard.Ir.ServiceProxy;

/// <summary>Transport of a Service port the L4 proxy carries.</summary>
public enum ServiceProxyProtocol
{
    Tcp,
    Udp,
}
