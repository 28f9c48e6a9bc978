using System.Text.Json;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Secrets;
using static ConnDiag.Monitoring.Prometheus.JsonFields;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// The metrics of each kind of result. Every series carries the result's identity labels (<c>kind</c>,
/// <c>target</c>, and for DNS answers <c>record_type</c> and <c>server</c>, for status pages <c>provider</c>), so
/// results of different kinds or targets never collide.
/// </summary>
internal static class ResultMetrics
{
    private static readonly string[] Outcomes = Enum.GetNames<Outcome>();
    private static readonly string[] WatchStates = Enum.GetNames<WatchState>();
    private static readonly string[] Indicators = ["None", "Minor", "Major", "Critical", "Maintenance", "Unknown"];

    /// <summary>The labels that name the result: two results with the same identity describe the same thing.</summary>
    public static MetricLabels IdentityOf(ResultKind kind, JsonElement e)
    {
        var id = MetricLabels.Empty.With("kind", ResultShapes.LabelOf(kind));
        return kind switch
        {
            ResultKind.Endpoint or ResultKind.Claude => id.With("target", Safe(Text(e, "url") ?? HostPort(Object(e, "target"), "host"))),
            ResultKind.Tcp => id.With("target", Safe(HostPort(e, "targetName"))),
            ResultKind.Tls => id.With("target", Safe(Text(e, "filePath") ?? HostPort(e, "targetName"))),
            ResultKind.Clock => id.With("target", Safe(Text(e, "source") ?? "")),
            ResultKind.Dns => id.With("target", Safe(Text(e, "name") ?? "")).With("record_type", TypeOf(e)).With("server", Safe(Text(e, "server") ?? "")),
            ResultKind.Status => id.With("target", Safe(Text(e, "pageUrl") ?? "")).With("provider", Safe(Text(e, "provider") ?? "")),
            ResultKind.Watch => id.With("target", Safe(Text(e, "target") ?? "")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static void Add(MetricSet set, ResultKind kind, MetricLabels id, JsonElement e)
    {
        switch (kind)
        {
            case ResultKind.Endpoint or ResultKind.Claude:
                Diagnosis(set, id, e);
                break;
            case ResultKind.Tcp:
                set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "succeeded") == true));
                FindingCounts(set, id, e);
                LayerMetrics.Tcp(set, id, e);
                break;
            case ResultKind.Tls:
                set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "succeeded") == true));
                FindingCounts(set, id, e);
                LayerMetrics.Tls(set, id, e);
                break;
            case ResultKind.Clock:
                set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "succeeded") == true && Flag(e, "isSkewed") != true));
                FindingCounts(set, id, e);
                set.Add(MetricFamilies.ClockOffset, id, Seconds(e, "offsetMs"));
                set.Add(MetricFamilies.ClockUncertainty, id, Seconds(e, "uncertaintyMs"));
                break;
            case ResultKind.Dns:
                Dns(set, id, e);
                break;
            case ResultKind.Status:
                set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "isOperational") == true));
                set.Add(MetricFamilies.ProbeDuration, id, Seconds(e, "fetchMs"));
                FindingCounts(set, id, e);
                OneOf(set, MetricFamilies.StatusIndicator, id, "indicator", Indicators, Text(e, "indicator"));
                set.Add(MetricFamilies.StatusIncidents, id, Array(e, "unresolvedIncidents").Count());
                break;
            case ResultKind.Watch:
                Watch(set, id, e);
                break;
        }
    }

    private static void Diagnosis(MetricSet set, MetricLabels id, JsonElement e)
    {
        set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Text(e, "outcome") is { } o && o != nameof(Outcome.Fail)));
        set.Add(MetricFamilies.ProbeDuration, id, Seconds(e, "durationMs"));
        set.Add(MetricFamilies.ProbeTimestamp, id, UnixSeconds(e, "startedAt"));
        FindingCounts(set, id, e);
        foreach (var stage in Array(e, "stages"))
        {
            if (Text(stage, "stage") is not { Length: > 0 } name) continue;
            var labels = id.With("stage", name);
            var outcome = Text(stage, "outcome");
            OneOf(set, MetricFamilies.StageOutcome, labels, "outcome", Outcomes, outcome);
            if (outcome != nameof(Outcome.Skipped)) set.Add(MetricFamilies.StageDuration, labels, Seconds(stage, "durationMs"));
            if (Object(stage, "evidence") is not { } evidence) continue;
            // By stage name, not by evidence shape: a profile's later stages may carry HTTP results of their own
            // (a test message), and those are not the endpoint's HTTP request.
            switch (name)
            {
                case "tcp":
                    LayerMetrics.Tcp(set, id, evidence);
                    break;
                case "tls":
                    LayerMetrics.Tls(set, id, evidence);
                    break;
                case "http":
                    LayerMetrics.Http(set, id, evidence);
                    break;
            }
        }
    }

    private static void Dns(MetricSet set, MetricLabels id, JsonElement e)
    {
        set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "succeeded") == true));
        set.Add(MetricFamilies.ProbeDuration, id, Seconds(e, "durationMs"));
        FindingCounts(set, id, e);
        set.Add(MetricFamilies.DnsResponse, id, Seconds(e, "responseMs"));
        if (Text(e, "responseCode") is not null) set.Add(MetricFamilies.DnsAnswers, id, Array(e, "answers").Count());
        if (Text(e, "status") is { Length: > 0 } status) set.Add(MetricFamilies.DnsStatus, id.With("status", status), 1);
    }

    private static void Watch(MetricSet set, MetricLabels id, JsonElement e)
    {
        set.Add(MetricFamilies.ProbeSuccess, id, OneIf(Flag(e, "success") == true));
        set.Add(MetricFamilies.ProbeDuration, id, Seconds(e, "latencyMs"));
        set.Add(MetricFamilies.ProbeTimestamp, id, UnixSeconds(e, "timestamp"));
        set.Add(MetricFamilies.HttpStatus, id, Number(e, "statusCode"));
        // A sample carries only codes: the severity is the catalogue's.
        var codes = Array(e, "findingCodes").Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!);
        Counts(set, id, codes.Select(c => (c, FindingCatalog.Contains(c) ? FindingCatalog.Get(c).Severity.ToString() : "Unknown")));
        set.Add(MetricFamilies.WatchLatency, id.With("percentile", "50"), Seconds(e, "p50Ms"));
        set.Add(MetricFamilies.WatchLatency, id.With("percentile", "95"), Seconds(e, "p95Ms"));
        set.Add(MetricFamilies.WatchErrorRatio, id, Number(e, "errorRatePercent") / 100);
        set.Add(MetricFamilies.WatchWindow, id, Number(e, "windowSize"));
        OneOf(set, MetricFamilies.WatchState, id, "state", WatchStates, Text(e, "state"));
    }

    private static void FindingCounts(MetricSet set, MetricLabels id, JsonElement e) =>
        Counts(set, id, Array(e, "findings").Select(f => (Text(f, "code"), Text(f, "severity"))).Where(f => f.Item1 is not null && f.Item2 is not null)
            .Select(f => (f.Item1!, f.Item2!)));

    private static void Counts(MetricSet set, MetricLabels id, IEnumerable<(string Code, string Severity)> findings)
    {
        foreach (var g in findings.GroupBy(f => f))
        {
            set.Add(MetricFamilies.Findings, id.With("code", Safe(g.Key.Code)).With("severity", Safe(g.Key.Severity)), g.Count());
        }
    }

    /// <summary>The enum pattern: one series per possible value, 1 for the actual one (nothing when the value is missing).</summary>
    private static void OneOf(MetricSet set, MetricFamily family, MetricLabels id, string label, IReadOnlyList<string> values, string? actual)
    {
        if (actual is null) return;
        foreach (var v in values.Contains(actual) ? values : [.. values, actual]) set.Add(family, id.With(label, Safe(v)), OneIf(v == actual));
    }

    private static string HostPort(JsonElement? e, string hostProperty)
    {
        if (e is not { } o || Text(o, hostProperty) is not { } text) return "";
        // Masked before the port is added: "[...]:port" around a URL-shaped host would hide it from the URL masking.
        var host = Safe(text);
        return Number(o, "port") is { } port && port is >= 1 and <= 65535 ? Target.Format(host, (int)port) : host;
    }

    private static string TypeOf(JsonElement e) =>
        e.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.Number ? t.GetRawText() : Text(e, "type") ?? "" : "";

    /// <summary>Results mask their secrets already; a label is masked again, as anything may have edited the JSON on its way here.</summary>
    internal static string Safe(string text)
    {
        var withoutUserInfo = SecretMasker.MaskUrlCredentials(text);
        return text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(withoutUserInfo, UriKind.Absolute, out var uri)
            ? SecretMasker.Default.MaskUri(uri)
            : SecretMasker.Default.MaskText(withoutUserInfo);
    }
}
