using System.Net;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>Recognises a proxy that is the target itself (same endpoint by name, or by address).</summary>
internal static class ProxyLoopCheck
{
    /// <summary>The same host (names case-insensitively without a trailing dot, IP literals by value) and port.</summary>
    public static bool SameByName(ProxyServer proxy, Target target)
    {
        if (proxy.Port != target.Port) return false;
        var p = proxy.Host.Trim('[', ']').TrimEnd('.');
        var t = target.Host.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(p, out var pa) && IPAddress.TryParse(t, out var ta)) return Normalize(pa).Equals(Normalize(ta));
        return string.Equals(p, t, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first proxy address that is also a target address, when the ports are the same.</summary>
    public static IPAddress? SharedAddress(IEnumerable<IPAddress> proxyAddresses, int proxyPort, IEnumerable<IPAddress> targetAddresses, int targetPort)
    {
        if (proxyPort != targetPort) return null;
        var targets = targetAddresses.Select(Normalize).ToHashSet();
        return proxyAddresses.FirstOrDefault(a => targets.Contains(Normalize(a)));
    }

    private static IPAddress Normalize(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
}
