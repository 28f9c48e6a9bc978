using System.Globalization;
using System.Net.Sockets;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Net;

namespace ConnDiag.Tcp;

/// <summary>Turns the attempts against one target into findings.</summary>
internal static class TcpFindings
{
    public static List<Finding> For(string targetName, int port, IReadOnlyList<TcpAttempt> attempts)
    {
        var findings = new List<Finding>();
        var failed = attempts.Where(a => a.State != TcpPortState.Open).ToList();
        if (failed.Count == 0) return findings;

        var label = Target.Format(targetName, port);
        if (failed.Count < attempts.Count)
        {
            var evidence = string.Join("; ", attempts.Select(Describe));
            var v6 = attempts.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).ToList();
            var v4 = attempts.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
            if (v6.Count > 0 && v4.Count > 0 && v6.All(a => a.State != TcpPortState.Open) && v4.All(a => a.State == TcpPortState.Open))
            {
                findings.Add(FindingCatalog.Create(FindingCodes.TcpIpv6Broken,
                    $"{label}: every IPv6 address fails ({Count(v6.Count, "address", "addresses")}) while IPv4 connects.",
                    evidence));
            }
            else
            {
                findings.Add(FindingCatalog.Create(FindingCodes.TcpPartial,
                    $"{label}: {failed.Count} of {attempts.Count} addresses fail ({string.Join(", ", failed.Select(f => f.Endpoint))}).",
                    evidence));
            }
            return findings;
        }

        foreach (var a in failed)
        {
            findings.Add(FindingCatalog.Create(CodeFor(a.State), SummaryFor(targetName, a), Describe(a)));
        }
        return findings;
    }

    public static string CodeFor(TcpPortState state) => state switch
    {
        TcpPortState.Closed => FindingCodes.TcpRefused,
        TcpPortState.Filtered => FindingCodes.TcpFiltered,
        TcpPortState.HostUnreachable => FindingCodes.TcpHostUnreachable,
        TcpPortState.NetworkUnreachable => FindingCodes.TcpNetworkUnreachable,
        TcpPortState.AdminProhibited => FindingCodes.TcpAdminProhibited,
        _ => FindingCodes.TcpError,
    };

    private static string SummaryFor(string targetName, TcpAttempt a)
    {
        var via = targetName == a.RemoteAddress.ToString() ? "" : $" ({targetName})";
        var by = ReportedBy(a);
        return a.State switch
        {
            TcpPortState.Closed => $"{a.Endpoint}{via} refused the connection.",
            TcpPortState.Filtered => $"{a.Endpoint}{via} did not answer within {Ms(a.ConnectMs)}.",
            TcpPortState.HostUnreachable => $"{a.Endpoint}{via}: host unreachable{by}.",
            TcpPortState.NetworkUnreachable => $"{a.Endpoint}{via}: no route to the network{by}.",
            TcpPortState.AdminProhibited => $"{a.Endpoint}{via}: rejected by a firewall (administratively prohibited){by}.",
            _ => $"{a.Endpoint}{via}: connect failed ({a.Detail}).",
        };
    }

    // Who sent the ICMP error says where to look: the destination itself, a router on the way, or this machine.
    private static string ReportedBy(TcpAttempt a)
    {
        if (a.IcmpSource is not { } source) return "";
        if (source.Equals(a.RemoteAddress)) return $" (reported by {source} itself)";
        if (a.State == TcpPortState.HostUnreachable && LocalAddresses.IsLocal(source))
        {
            return $" (reported by {source}, this machine: no ARP/neighbour answer on the local link)";
        }
        return $" (reported by {source})";
    }

    private static string Describe(TcpAttempt a) =>
        $"{a.Endpoint} {a.State} after {Ms(a.ConnectMs)}: {a.Detail}" + (a.SocketError is { } e ? $" [{e}]" : "");

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
