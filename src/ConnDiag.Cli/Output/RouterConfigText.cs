using System.Globalization;
using ConnDiag.Claude.Router;

namespace ConnDiag.Cli.Output;

/// <summary>`conndiag router-config` as text: the file and its verdict, the providers and routes as tables, then the findings.</summary>
internal static class RouterConfigText
{
    public static void Write(TextWriter o, RouterConfigReport r)
    {
        var errors = r.Findings.Count(f => f.Severity == Model.Severity.Error);
        var verdict = errors == 0 ? "valid" : $"{errors} error{(errors == 1 ? "" : "s")}";
        o.WriteLine($"{FindingText.OneLine(r.Path)}  ({(r.Generation == RouterGeneration.V3 ? "claude-code-router v3" : "claude-code-router v1/v2")}, {verdict})");
        if (r.Port is { } port || r.Host is not null)
        {
            o.WriteLine($"Listens on {r.Host ?? "?"}:{(r.Port is { } p ? p.ToString(CultureInfo.InvariantCulture) : "?")}");
        }

        if (r.Providers.Count > 0)
        {
            o.WriteLine();
            var rows = r.Providers.Select(p => (IReadOnlyList<string>)
            [
                Cell(p.Name), Cell(p.BaseUrl), Cell(string.Join(", ", p.Models)),
                p.KeySource + (p.KeyVariable is null ? "" : $" ${p.KeyVariable}"), Cell(p.MaskedKey), p.Valid ? "yes" : "no",
            ]).ToList();
            Table(o, ["PROVIDER", "BASE URL", "MODELS", "KEY", "MASKED", "VALID"], rows);
        }
        if (r.Routes.Count > 0)
        {
            o.WriteLine();
            var rows = r.Routes.Select(x => (IReadOnlyList<string>)[x.Name, Cell(x.Provider), Cell(x.Model), x.Valid ? "yes" : "no"]).ToList();
            Table(o, ["ROUTE", "PROVIDER", "MODEL", "VALID"], rows);
        }
        if (r.Findings.Count > 0)
        {
            o.WriteLine();
            FindingText.Write(o, r.Findings);
        }
        if (r.Probe is { } probe) WriteProbe(o, probe);
        if (r.ProviderChecks is { Count: > 0 } checks) WriteProviderChecks(o, checks);
    }

    private static void WriteProviderChecks(TextWriter o, IReadOnlyList<RouterProviderCheck> checks)
    {
        o.WriteLine();
        o.WriteLine(checks[0].Proxy is { } proxy ? $"Providers through PROXY_URL {FindingText.OneLine(proxy)}:" : "Providers (direct, no PROXY_URL):");
        var rows = checks.Select(c => (IReadOnlyList<string>)
        [
            Cell(c.Provider), Cell(c.Origin), c.Reachable ? "yes" : "no",
            string.Join(" ", c.Report.Stages.Select(s => $"{s.Stage}:{s.Outcome}")),
        ]).ToList();
        Table(o, ["PROVIDER", "ORIGIN", "REACHABLE", "STAGES"], rows);
        var findings = checks.SelectMany(c => c.Findings).ToList();
        if (findings.Count == 0) return;
        o.WriteLine();
        FindingText.Write(o, findings);
    }

    private static void WriteProbe(TextWriter o, RouterProbeResult p)
    {
        o.WriteLine();
        var what = p.Generation switch
        {
            RouterGeneration.V2 => "claude-code-router v1/v2",
            RouterGeneration.V3 => "claude-code-router v3",
            _ => p.Listening ? "not claude-code-router" : "nothing listening",
        };
        o.WriteLine($"Probe {p.Endpoint}: {what}");
        if (p.HealthStatusCode is { } h) o.WriteLine($"  GET /health: {h.ToString(CultureInfo.InvariantCulture)}{(p.HealthStatus is { } s ? $" status {FindingText.OneLine(s)}" : "")}");
        if (p.AuthChecked is { } call) o.WriteLine($"  {call}: {(p.AuthStatusCode is { } a ? a.ToString(CultureInfo.InvariantCulture) : "no answer")}, APIKEY {(p.KeyAccepted == true ? "accepted" : p.KeyAccepted == false ? "rejected" : "not judged")}");
        else if (p.Generation is not null) o.WriteLine("  APIKEY: not set, not checked");
        if (p.Findings.Count > 0)
        {
            o.WriteLine();
            FindingText.Write(o, p.Findings);
        }
    }

    private static string Cell(string? text) => text is null or "" ? "-" : FindingText.OneLine(text);

    private static void Table(TextWriter o, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new TableWriter(o, TableWriter.Fit(headers, rows));
        table.WriteHeader();
        foreach (var row in rows) table.WriteRow(row);
    }
}
