using System.Net;
using System.Net.NetworkInformation;

namespace ConnDiag.Net;

/// <summary>Is an address this machine's own? (loopback, or assigned to one of its interfaces)</summary>
public static class LocalAddresses
{
    public static bool IsLocal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address)) return true;
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var u in nic.GetIPProperties().UnicastAddresses)
                {
                    if (u.Address.Equals(a)) return true;
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without the interface list only loopback counts as local; the probe still works.
        }
        return false;
    }
}
