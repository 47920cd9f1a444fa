using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Switchyard.Gateway.Hosting;

/// <summary>Whether an address belongs to this host, to tell an unusable Gateway address from a port that is taken.</summary>
internal static class HostAddresses
{
    public static bool IsAssigned(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(address))
        {
            // Linux routes all of 127.0.0.0/8 to the loopback interface, so any of it can be bound.
            return true;
        }

        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.Equals(address))
                    {
                        return true;
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Unknown: do not call the address unusable.
            return true;
        }

        return address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
    }
}
