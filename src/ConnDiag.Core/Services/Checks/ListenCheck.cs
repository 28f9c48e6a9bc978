using System.Globalization;
using System.Net;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Services.Checks;

/// <summary>What the listen stage compared: the configured address, the unit's processes, and the TCP listeners seen.</summary>
/// <param name="Configured">What the unit configures, or null when ConnDiag recognises no listen setting.</param>
/// <param name="ProcessIds">Processes in the unit's cgroup (empty when none runs or the cgroup cannot be seen).</param>
/// <param name="Listeners">TCP listeners on the configured port and those of the unit's processes.</param>
public sealed record ListenEvidence(ListenConfig? Configured, IReadOnlyList<int> ProcessIds, IReadOnlyList<PortOwner> Listeners);

/// <summary>The configured host and port against what actually listens (from the port-owner source).</summary>
internal static class ListenCheck
{
    public static (ListenEvidence Evidence, IReadOnlyList<Finding> Findings, string Summary) Run(
        string unitName, ListenConfig? configured, IReadOnlyList<int> pids, IReadOnlyList<PortOwner> listeners)
    {
        var unitListeners = listeners.Where(o => o.Id is { } id && pids.Contains(id)).ToList();
        var onPort = configured?.Port is { } cp ? listeners.Where(o => o.LocalPort == cp).ToList() : [];
        var shown = onPort.Concat(unitListeners).Distinct().ToList();
        var evidence = new ListenEvidence(configured, pids, shown);
        if (configured?.Port is not { } port)
        {
            var what = unitListeners.Count > 0 ? $"; its processes listen on {Describe(unitListeners)}" : "";
            return (evidence, [], $"{unitName} configures no listen port ConnDiag recognises{what}");
        }

        var source = configured.PortSource ?? "the unit";
        if (onPort.Count == 0)
        {
            var summary = unitListeners.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{unitName} is configured for port {port} ({source}), but its processes listen on {Describe(unitListeners)} instead.")
                : string.Create(CultureInfo.InvariantCulture, $"{unitName} is configured to listen on {configured} ({source}), but nothing listens on TCP port {port}.");
            return (evidence, [Mismatch(summary, configured, pids, shown)], summary);
        }

        var owned = pids.Count == 0 ? onPort : onPort.Where(o => o.Id is { } id && pids.Contains(id)).ToList();
        if (owned.Count == 0)
        {
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{unitName} is configured for port {port} ({source}), but port {port} is held by {Owners(onPort)}, not by the unit's processes (PIDs {string.Join(", ", pids)}).");
            return (evidence, [Mismatch(summary, configured, pids, shown)], summary);
        }
        if (configured.AllInterfaces && owned.All(o => o.BindScope == BindScope.Loopback))
        {
            var summary = $"{unitName} is configured to listen on all interfaces ({configured.HostSource}), but {Describe(owned)} is loopback only: other machines cannot connect.";
            return (evidence, [Mismatch(summary, configured, pids, shown)], summary);
        }
        if (configured.Host is { } host && !configured.AllInterfaces && !configured.LoopbackOnly
            && IPAddress.TryParse(host.Trim('[', ']'), out var address) && !owned.Any(o => o.Accepts(address)))
        {
            var summary = $"{unitName} is configured to listen on {configured} ({configured.HostSource}), but {Describe(owned)} does not accept connections to {host}.";
            return (evidence, [Mismatch(summary, configured, pids, shown)], summary);
        }
        return (evidence, [], $"{Describe(owned)} listens as configured ({configured})");
    }

    private static Finding Mismatch(string summary, ListenConfig configured, IReadOnlyList<int> pids, IReadOnlyList<PortOwner> shown) =>
        FindingCatalog.Create(FindingCodes.ServiceListenMismatch, summary,
            $"Configured: host {configured.Host ?? "(program default)"} from {configured.HostSource ?? "nothing"}; port {configured.Port?.ToString(CultureInfo.InvariantCulture) ?? "(program default)"} from {configured.PortSource ?? "nothing"}. "
            + (pids.Count == 0 ? "No process of the unit was found (none runs, or its cgroup is not visible). " : $"Unit processes: {string.Join(", ", pids)}. ")
            + (shown.Count == 0 ? "TCP listeners involved: none." : $"TCP listeners involved: {Owners(shown)}."));

    private static string Describe(IReadOnlyList<PortOwner> owners) =>
        string.Join(", ", owners.Select(o => Target.Format(o.LocalAddress.ToString(), o.LocalPort)).Distinct());

    private static string Owners(IReadOnlyList<PortOwner> owners) =>
        string.Join(", ", owners.Select(o => $"{Target.Format(o.LocalAddress.ToString(), o.LocalPort)} (PID {o.Id?.ToString(CultureInfo.InvariantCulture) ?? "hidden"} {o.ProcessName ?? "?"})").Distinct());
}
