using System.Diagnostics;
using System.Globalization;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>When the parts of a streamed answer arrived, from the start of the request.</summary>
/// <param name="Model">The model named.</param>
/// <param name="ModelSource">Where it came from.</param>
/// <param name="Request">The request (its body preview holds the start of the stream, masked).</param>
/// <param name="ContentType">The response Content-Type, or null.</param>
/// <param name="Events">Every event with its arrival time.</param>
/// <param name="HeadersMs">Time to the response headers, or null.</param>
/// <param name="FirstEventMs">Time to the first event, or null.</param>
/// <param name="FirstDeltaMs">Time to the first <c>content_block_delta</c>, or null.</param>
/// <param name="TotalMs">Time to the end of the stream.</param>
/// <param name="LongestGapMs">The longest wait between the headers and an event or between two events.</param>
public sealed record StreamEvidence(
    string Model,
    string ModelSource,
    ApiStepResult Request,
    string? ContentType,
    IReadOnlyList<SseEvent> Events,
    double? HeadersMs,
    double? FirstEventMs,
    double? FirstDeltaMs,
    double TotalMs,
    double LongestGapMs);

/// <summary>
/// The opt-in <c>stream</c> stage: <c>POST /v1/messages</c> with <c>"stream": true</c> and max_tokens 1. The
/// events must arrive one by one: a proxy that holds the stream and releases it at the end breaks Claude Code's
/// idle watchdog (API.STREAM_BUFFERED); an <c>error</c> event after the 200 is API.STREAM_ERROR.
/// </summary>
internal sealed class StreamStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "stream";

    /// <summary>Events closer together than this arrived in one burst.</summary>
    public const double BurstMs = 25;

    /// <summary>A burst this long after the headers, with nothing before it, is a held-back stream.</summary>
    public const double HeldBackMs = 500;

    public string Name => StageName;

    public Layer Layer => Layer.Api;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (run.OtherProvider) return StageResult.Skipped(Name, Layer, $"skipped: Claude Code uses {run.Profile}, not this base URL's API");
        var (model, source) = run.ProbeModel;
        var uri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/messages");
        var request = ApiRequests.Authenticated(uri, run.Credentials, "POST", ApiRequests.MessageBody(model, stream: true), run.AnthropicVersion);
        var clock = Stopwatch.StartNew();
        var timeline = new SseTimeline(clock);
        var step = await ApiStep.RunAsync(context, run, request, new ApiCall(ApiStep.Label("POST", uri), run.Credentials.Header, model, source), cancellationToken, timeline.OnRead).ConfigureAwait(false);
        var total = clock.Elapsed.TotalMilliseconds;
        var events = timeline.Events;
        var final = step.Result.Final;
        // Everything before the body: the exchange's total minus its transfer phase.
        var headers = final.HasResponse ? final.Phases.TotalMs - (final.Phases.TransferMs ?? 0) : (double?)null;
        var firstEvent = events.Count > 0 ? events[0].ArrivedMs : (double?)null;
        var firstDelta = events.FirstOrDefault(e => e.Name == "content_block_delta")?.ArrivedMs;
        var gaps = new List<double>();
        var previous = headers ?? firstEvent ?? 0;
        foreach (var e in events)
        {
            gaps.Add(Math.Max(0, e.ArrivedMs - previous));
            previous = e.ArrivedMs;
        }
        var contentType = final.HeaderValues("Content-Type").FirstOrDefault();
        var evidence = new StreamEvidence(model, source, step, contentType, events, headers, firstEvent, firstDelta, total, gaps.Count > 0 ? gaps.Max() : 0);
        if (!step.Succeeded) return Result(step.Findings, step.Findings.FirstOrDefault()?.Summary ?? $"POST {uri.AbsolutePath} answered {step.StatusCode}", evidence);

        var label = $"POST {uri.AbsolutePath} with stream";
        var findings = new List<Finding>(step.Findings);
        if (contentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) != true)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ApiStreamError, $"{label} answered {step.StatusCode} with {contentType ?? "no Content-Type"}, not text/event-stream.", Evidence(evidence)));
        }
        else if (events.FirstOrDefault(e => e.Name == "error") is { } error)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ApiStreamError,
                string.Create(CultureInfo.InvariantCulture, $"{label}: an error event after the 200, at {error.ArrivedMs:0} ms: {error.ErrorType ?? "error"} \"{error.ErrorMessage}\"."),
                Evidence(evidence)));
        }
        else if (HeldBack(events, headers) is { } wait)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ApiStreamBuffered,
                string.Create(CultureInfo.InvariantCulture, $"{label}: all {events.Count} events arrived at once, {wait:0} ms after the headers: something on the path buffers the stream."),
                Evidence(evidence)));
        }
        var summary = findings.FirstOrDefault()?.Summary ?? string.Create(CultureInfo.InvariantCulture,
            $"{label}: {events.Count} events, headers {Ms(headers)}, first event {Ms(firstEvent)}, first delta {Ms(firstDelta)}, total {total:0} ms, longest gap {evidence.LongestGapMs:0} ms");
        return Result(findings, summary, evidence);
    }

    /// <summary>The wait before the one burst every event came in, when that is what happened; else null.</summary>
    internal static double? HeldBack(IReadOnlyList<SseEvent> events, double? headersMs)
    {
        var real = events.Where(e => e.Name != "ping").ToList();
        if (real.Count < 3 || headersMs is not { } headers) return null;
        var spread = events[^1].ArrivedMs - events[0].ArrivedMs;
        var wait = events[0].ArrivedMs - headers;
        // A fast answer to max_tokens 1 can also come in one burst, right after the headers: only a burst that
        // came well after the headers, with nothing before it, proves the stream was held back.
        return spread <= BurstMs && wait >= HeldBackMs ? wait : null;
    }

    private StageResult Result(IReadOnlyList<Finding> findings, string summary, StreamEvidence evidence) =>
        new(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings, evidence);

    private static string Ms(double? ms) => ms is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0} ms") : "none";

    private static string Evidence(StreamEvidence e) => string.Create(CultureInfo.InvariantCulture,
        $"events: {string.Join(", ", e.Events.Take(20).Select(x => $"{x.Name}@{x.ArrivedMs:0}ms"))}; headers {Ms(e.HeadersMs)}; total {e.TotalMs:0} ms; Content-Type: {e.ContentType}");
}
