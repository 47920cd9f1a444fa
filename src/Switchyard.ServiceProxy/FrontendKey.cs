using System.Net;
using Switchyard.Ir.ServiceProxy;

namespace Switchyard.ServiceProxy;

/// <summary>Identity of a listening socket: protocol, address, port.</summary>
internal readonly record struct FrontendKey(ServiceProxyProtocol Protocol, IPAddress Address, int Port)
{
    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"{Protocol} [{Address}]:{Port}"
        : $"{Protocol} {Address}:{Port}";
}
