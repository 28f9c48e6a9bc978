using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Services.Checks;

/// <summary>
/// network-online.target pitfalls (systemd.special(7), "Running services after the network is up"): Wants= or
/// Requires= on it without After= does not make the service wait; After= without a Wants= may not pull it in;
/// After=network.target only means the network stack was set up, not that addresses or DNS work.
/// </summary>
internal static class OrderingCheck
{
    private const string Online = "network-online.target";
    private static readonly string[] DependencyKeys = ["Wants", "Requires", "BindsTo", "Requisite"];

    public static IReadOnlyList<Finding> Run(UnitCheckContext c)
    {
        var after = c.Unit.Words("Unit", "After");
        var depends = DependencyKeys.SelectMany(k => c.Unit.Words("Unit", k).Select(w => (Key: k, w.Word, w.Setting))).ToList();
        var wantsOnline = depends.FirstOrDefault(d => d.Word == Online);
        var afterOnline = after.FirstOrDefault(a => a.Word == Online);
        var afterNetwork = after.FirstOrDefault(a => a.Word == "network.target");

        if (wantsOnline.Setting is not null && afterOnline.Setting is null)
        {
            var summary = afterNetwork.Setting is not null
                ? $"{c.Unit.Name} has {wantsOnline.Key}={Online} ({wantsOnline.Setting.Location}) but is ordered After=network.target ({afterNetwork.Setting.Location}), not After={Online}: it can start before the network is online."
                : $"{c.Unit.Name} has {wantsOnline.Key}={Online} ({wantsOnline.Setting.Location}) without After={Online}: {wantsOnline.Key}= alone does not order, so it starts in parallel with the network coming up.";
            return [FindingCatalog.Create(FindingCodes.ServiceOrdering, summary, Evidence(c))];
        }
        if (afterOnline.Setting is not null && wantsOnline.Setting is null)
        {
            return [FindingCatalog.Create(FindingCodes.ServiceOrdering,
                $"{c.Unit.Name} is ordered After={Online} ({afterOnline.Setting.Location}) without Wants={Online}: After= alone does not pull the target in, so nothing may wait for the network.",
                Evidence(c))];
        }
        return [];
    }

    internal static string Evidence(UnitCheckContext c)
    {
        var keys = new[] { "After", "Wants", "Requires", "BindsTo", "Requisite" };
        var parts = keys.Select(k => (k, Words: string.Join(' ', c.Unit.Words("Unit", k).Select(w => w.Word))))
            .Where(p => p.Words.Length > 0).Select(p => $"{p.k}={p.Words}").ToList();
        return parts.Count == 0 ? "[Unit] has no ordering or dependency settings." : "[Unit] " + string.Join("; ", parts);
    }
}
