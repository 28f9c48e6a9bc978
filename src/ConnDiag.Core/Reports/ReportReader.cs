using System.Globalization;
using System.Text.Json;
using ConnDiag.Secrets;

namespace ConnDiag.Reports;

/// <summary>
/// Reads reports in the documented JSON shape (docs/json.md) into <see cref="ReportView"/>s: the DiagnosticReport
/// family (Test-Endpoint, Test-ClaudeConnection, Test-SystemdUnit; <c>conndiag endpoint|claude --json</c>) and TLS chain
/// reports (<c>conndiag tls --json</c>). Every string goes through <see cref="SecretMasker"/> on the way in: reports are
/// masked already, and this is the second lock on the door for anything a server echoed back.
/// </summary>
public static class ReportReader
{
    /// <summary>Most reports one document takes; a bigger input is refused rather than rendered for minutes.</summary>
    public const int MaxReports = 1000;

    /// <summary>Most DNS answer rows shown per report (a search list times A and AAAA stays far below it).</summary>
    public const int MaxDnsRows = 200;

    /// <summary>The sentence every shape error ends with.</summary>
    public const string ExpectedShape =
        "expected a ConnDiag report: an object with 'target', 'outcome', 'stages' and 'findings' (conndiag endpoint --json, " +
        "conndiag claude --json, Test-Endpoint, Test-ClaudeConnection, Test-SystemdUnit) or a TLS chain report with " +
        "'targetName', 'sentChain' and 'findings' (conndiag tls --json, Test-TlsChain), or an array of them";

    private static readonly string[] PhaseNames = ["dns", "connect", "proxy", "tls", "ttfb", "transfer"];

    /// <summary>Each report in <paramref name="root"/>: one object, or an array of them (what --json writes).</summary>
    /// <exception cref="ReportInputException">The input is not (a list of) reports of a known shape.</exception>
    public static IReadOnlyList<ReportView> Read(JsonElement root)
    {
        var items = new List<JsonElement>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (++index > MaxReports) throw new ReportInputException($"the input holds more than {MaxReports} reports: split it");
                items.Add(item);
            }
            if (items.Count == 0) throw new ReportInputException("the input is an empty array: there is no report to write (" + ExpectedShape + ")");
        }
        else
        {
            items.Add(root);
        }
        return items.Select((item, i) => ReadOne(item, items.Count == 1 ? null : i)).ToList();
    }

    /// <summary>Several documents (the cmdlet's pipeline input) as one list, in order.</summary>
    public static IReadOnlyList<ReportView> Read(IEnumerable<JsonElement> roots)
    {
        var all = new List<ReportView>();
        foreach (var root in roots)
        {
            all.AddRange(Read(root));
            if (all.Count > MaxReports) throw new ReportInputException($"the input holds more than {MaxReports} reports: split it");
        }
        if (all.Count == 0) throw new ReportInputException("there is no report to write (" + ExpectedShape + ")");
        return all;
    }

    private static ReportView ReadOne(JsonElement e, int? index)
    {
        var where = index is { } i ? $"item {i + 1} of the array" : "the input";
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ReportInputException($"{where} is a JSON {Describe(e.ValueKind)}, not a report: {ExpectedShape}");
        }
        if (Has(e, "stages", JsonValueKind.Array) && Has(e, "findings", JsonValueKind.Array) && e.TryGetProperty("outcome", out _))
        {
            return Diagnostic(e);
        }
        if (Has(e, "sentChain", JsonValueKind.Array) && Has(e, "findings", JsonValueKind.Array) && e.TryGetProperty("targetName", out _))
        {
            return TlsChain(e);
        }
        var names = e.EnumerateObject().Select(p => p.Name).Take(8).ToList();
        var got = names.Count == 0 ? "an empty object" : "an object with " + string.Join(", ", names.Select(n => $"'{Mask(n)}'"));
        throw new ReportInputException($"{where} is not a report ({got}): {ExpectedShape}");
    }

    private static ReportView Diagnostic(JsonElement e)
    {
        var stages = new List<StageView>();
        IReadOnlyList<PhaseView> phases = [];
        IReadOnlyList<CertificateView> certificates = [];
        IReadOnlyList<DnsRecordView> dns = [];
        foreach (var s in e.GetProperty("stages").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
        {
            var name = Text(s, "stage") ?? "?";
            stages.Add(new StageView(name, Text(s, "layer") ?? "", Text(s, "outcome") ?? "", Number(s, "durationMs") ?? 0, Text(s, "summary") ?? ""));
            if (!s.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Object) continue;
            switch (name)
            {
                case "http" when phases.Count == 0:
                    phases = Phases(evidence);
                    break;
                case "tls" when certificates.Count == 0:
                    certificates = Chain(evidence);
                    break;
                case "dns" when dns.Count == 0:
                    dns = DnsAnswers(evidence);
                    break;
            }
        }
        var isClaude = e.TryGetProperty("effectiveConfig", out _) && e.TryGetProperty("profile", out _);
        return new ReportView(
            isClaude ? "Claude connection report" : "Diagnostic report",
            TargetOf(e),
            Text(e, "outcome") ?? "",
            Text(e, "failedStage"),
            Text(e, "startedAt"),
            Number(e, "durationMs"),
            stages,
            phases,
            Findings(e),
            certificates,
            dns,
            isClaude ? Claude(e) : null);
    }

    private static ReportView TlsChain(JsonElement e)
    {
        var file = Text(e, "filePath");
        var target = file ?? $"{Text(e, "targetName")}:{Text(e, "port")}";
        var outcome = Text(e, "outcome") ?? "";
        var handshake = Number(e, "handshakeMs");
        var summary = Text(e, "error")
            ?? string.Join(", ", new[] { Text(e, "protocol"), Text(e, "cipherSuite"), Text(e, "trustStore") }.Where(t => !string.IsNullOrEmpty(t)));
        return new ReportView(
            "TLS chain report",
            target,
            outcome,
            outcome == "Fail" ? "tls" : null,
            null,
            handshake,
            [new StageView("tls", "Tls", outcome, handshake ?? 0, summary)],
            [],
            Findings(e),
            Chain(e),
            [],
            null);
    }

    private static string TargetOf(JsonElement e)
    {
        if (Text(e, "url") is { Length: > 0 } url) return url;
        if (e.TryGetProperty("target", out var t))
        {
            if (t.ValueKind == JsonValueKind.Object)
            {
                var host = Text(t, "host") ?? "?";
                var port = Text(t, "port");
                return port is null ? host : host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
            }
            if (Text(t, null) is { } s) return s;
        }
        return "(no target)";
    }

    private static List<FindingView> Findings(JsonElement e) =>
        e.GetProperty("findings").EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object).Select(f => new FindingView(
            Text(f, "code") ?? "?", Text(f, "layer") ?? "", Text(f, "severity") ?? "",
            Text(f, "summary") ?? "", Text(f, "evidence") ?? "", Text(f, "remedy") ?? "")).ToList();

    /// <summary>The phases of the last attempt's exchanges (the one the verdict is about); a Direct comparison shows the proxied request.</summary>
    private static List<PhaseView> Phases(JsonElement http)
    {
        if (http.TryGetProperty("viaProxy", out var via) && via.ValueKind == JsonValueKind.Object) http = via;
        var result = new List<PhaseView>();
        if (!Has(http, "attempts", JsonValueKind.Array)) return result;
        var last = http.GetProperty("attempts").EnumerateArray().LastOrDefault();
        if (last.ValueKind != JsonValueKind.Object || !Has(last, "exchanges", JsonValueKind.Array)) return result;
        var n = 0;
        foreach (var x in last.GetProperty("exchanges").EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object).Take(50))
        {
            n++;
            if (!x.TryGetProperty("phases", out var p) || p.ValueKind != JsonValueKind.Object) continue;
            var failed = Text(x, "failedPhase");
            foreach (var phase in PhaseNames)
            {
                // A phase never reached is null (not drawn); the proxy phase exists only with a tunnel.
                if (Number(p, phase + "Ms") is not { } ms || (phase == "proxy" && ms <= 0)) continue;
                result.Add(new PhaseView(n, phase, ms, string.Equals(failed, phase, StringComparison.OrdinalIgnoreCase)));
            }
        }
        return result;
    }

    private static List<CertificateView> Chain(JsonElement tls)
    {
        var chain = Has(tls, "builtChain", JsonValueKind.Array) && tls.GetProperty("builtChain").GetArrayLength() > 0 ? "builtChain" : "sentChain";
        if (!Has(tls, chain, JsonValueKind.Array)) return [];
        return tls.GetProperty(chain).EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).Take(20).Select(c => new CertificateView(
            Text(c, "subject") ?? "", Text(c, "issuer") ?? "", Text(c, "notAfter") ?? "",
            Number(c, "daysUntilExpiry") is { } d ? (long)d : null,
            c.TryGetProperty("sentByServer", out var sent) && sent.ValueKind == JsonValueKind.True)).ToList();
    }

    private static List<DnsRecordView> DnsAnswers(JsonElement dns)
    {
        var rows = new List<DnsRecordView>();
        if (!Has(dns, "answers", JsonValueKind.Array)) return rows;
        foreach (var a in dns.GetProperty("answers").EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
        {
            var server = Text(a, "server") ?? "";
            var question = Text(a, "name") ?? "";
            var type = Text(a, "type") ?? "";
            var status = Text(a, "status") ?? Text(a, "responseCode") ?? "";
            var records = Has(a, "answers", JsonValueKind.Array) ? a.GetProperty("answers").EnumerateArray().ToList() : [];
            if (records.Count == 0) rows.Add(new DnsRecordView(server, question, type, status, "", null, ""));
            foreach (var r in records.Where(r => r.ValueKind == JsonValueKind.Object))
            {
                rows.Add(new DnsRecordView(server, question, Text(r, "type") ?? type, status, Text(r, "name") ?? "",
                    Number(r, "ttlSeconds") is { } ttl ? (long)ttl : null, Text(r, "data") ?? ""));
            }
            if (rows.Count >= MaxDnsRows) return rows.Take(MaxDnsRows).ToList();
        }
        return rows;
    }

    private static ClaudeView Claude(JsonElement e)
    {
        var config = new List<ConfigValueView>();
        if (e.TryGetProperty("effectiveConfig", out var ec) && Has(ec, "values", JsonValueKind.Array))
        {
            foreach (var v in ec.GetProperty("values").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).Take(200))
            {
                var source = v.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Object
                    ? string.Join(" ", new[] { Text(s, "kind"), Text(s, "path") }.Where(t => !string.IsNullOrEmpty(t)))
                    : "";
                config.Add(new ConfigValueView(Text(v, "name") ?? "", Text(v, "value") ?? "", source));
            }
        }
        var ids = Has(e, "requestIds", JsonValueKind.Array)
            ? e.GetProperty("requestIds").EnumerateArray().Select(i => Text(i, null)).OfType<string>().Take(200).ToList()
            : [];
        var limits = new List<RateLimitView>();
        if (e.TryGetProperty("rateLimits", out var rl) && Has(rl, "windows", JsonValueKind.Array))
        {
            foreach (var w in rl.GetProperty("windows").EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object).Take(20))
            {
                limits.Add(new RateLimitView(Text(w, "kind") ?? "", Whole(w, "limit"), Whole(w, "remaining"), Text(w, "resetsAt")));
            }
        }
        return new ClaudeView(Text(e, "profile") ?? "", Text(e, "baseUrl") ?? "", Text(e, "baseUrlSource") ?? "", config, ids, limits);
    }

    private static bool Has(JsonElement e, string name, JsonValueKind kind) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == kind;

    /// <summary>A string (or number, as written) property, masked; null when absent or null. A null name reads <paramref name="e"/> itself.</summary>
    private static string? Text(JsonElement e, string? name)
    {
        var v = e;
        if (name is not null && (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out v))) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => Mask(v.GetString()),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => null,
        };
    }

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    private static long? Whole(JsonElement e, string name) => Number(e, name) is { } d ? (long)Math.Clamp(d, long.MinValue, long.MaxValue) : null;

    private static string Mask(string? text) => SecretMasker.Default.MaskText(text ?? "");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
