using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Ports;

/// <summary>What a port-owner lookup means as findings, shared by Get-PortOwner and `conndiag port-owner`.</summary>
public static class PortOwnerFindings
{
    /// <summary>LOCAL.NOT_LISTENING for every port the query named that no returned socket uses, with that port.</summary>
    public static IReadOnlyList<(int Port, Finding Finding)> MissingPorts(PortOwnerQuery query, IReadOnlyList<PortOwner> owners)
    {
        var what = query.State == PortStateFilter.Listen ? "listens on" : "uses";
        var proto = query.Protocol?.ToString().ToUpperInvariant() ?? "TCP or UDP";
        return query.Ports
            .Where(p => !owners.Any(o => o.LocalPort == p || o.RemotePort == p))
            .Select(p => (p, FindingCatalog.Create(FindingCodes.LocalNotListening,
                string.Create(CultureInfo.InvariantCulture, $"Nothing on this machine {what} {proto} port {p}."),
                string.Create(CultureInfo.InvariantCulture, $"The socket table has no matching socket for port {p}."))))
            .ToList();
    }

    /// <summary>LOCAL.OWNER_HIDDEN when some sockets' owning processes are not visible to this user, else null.</summary>
    public static Finding? HiddenOwners(IReadOnlyList<PortOwner> owners)
    {
        var hidden = owners.Where(o => !o.OwnerVisible).ToList();
        if (hidden.Count == 0) return null;
        var sample = string.Join(", ", hidden.Take(5).Select(o => $"{o.Protocol.ToString().ToUpperInvariant()} {Target.Format(o.LocalAddress.ToString(), o.LocalPort)} (user {o.User ?? "?"})"));
        return FindingCatalog.Create(FindingCodes.LocalOwnerHidden,
            $"The owning process of {hidden.Count} socket(s) is not visible to this user.",
            $"Sockets without a visible owner: {sample}{(hidden.Count > 5 ? ", ..." : "")}.");
    }
}
