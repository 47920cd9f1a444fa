using System.Net;
using System.Net.NetworkInformation;

namespace Switchyard.ServiceProxy;

/// <summary>Which addresses this host may bind: loopback (all of 127.0.0.0/8 and ::1), the wildcard, and interface addresses.</summary>
internal sealed class LocalAddresses
{
    private readonly HashSet<IPAddress> _assigned;

    private LocalAddresses(HashSet<IPAddress> assigned)
    {
        _assigned = assigned;
    }

    /// <summary>Reads the interface addresses once; call per applied snapshot.</summary>
    public static LocalAddresses Read()
    {
        var assigned = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    assigned.Add(unicast.Address);
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without interface information only loopback and the wildcard count as local.
        }

        return new LocalAddresses(assigned);
    }

    public bool Contains(IPAddress address) =>
        IPAddress.IsLoopback(address)
        || address.Equals(IPAddress.Any)
        || address.Equals(IPAddress.IPv6Any)
        || _assigned.Contains(address);
}
