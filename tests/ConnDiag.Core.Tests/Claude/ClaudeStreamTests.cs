using System.Net;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// The opt-in stream stage against the fake's SSE: events spaced out (with pings), a buffering mode that holds
/// every event until the end, and an error event after the 200.
/// </summary>
public sealed class ClaudeStreamTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-stream0123456789abcdef0123456789Ss11";
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = Key;
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
        _home.Dispose();
    }

    private ClaudeConnectionOptions Options() => new()
    {
        Sources = _home.Sources,
        Stream = true,
        Diagnosis = EndpointDiagnosisOptions.Default with
        {
            Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            ConnectTo = new IPEndPoint(IPAddress.Loopback, _server.Port),
        },
    };

    [Fact]
    public async Task An_incremental_stream_passes_with_its_timings()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        var stage = r.StageNamed("stream")!;
        Assert.True(stage.Outcome == Outcome.Pass, stage.Summary);
        Assert.NotNull(r.StageNamed("message"));
        var e = Assert.IsType<StreamEvidence>(stage.Evidence);
        Assert.Equal(["message_start", "ping", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], e.Events.Select(x => x.Name));
        Assert.StartsWith("text/event-stream", e.ContentType);
        Assert.NotNull(e.HeadersMs);
        Assert.True(e.FirstEventMs <= e.FirstDeltaMs, $"{e.FirstEventMs} {e.FirstDeltaMs}");
        // The fake spaces its events: they did not all arrive together.
        Assert.True(e.Events[^1].ArrivedMs - e.Events[0].ArrivedMs > StreamStage.BurstMs, string.Join(", ", e.Events));
        Assert.True(e.LongestGapMs > 0);
        Assert.Contains(_server.Received, q => q.Method == "POST" && q.Path == "/v1/messages");
    }

    [Fact]
    public async Task A_stream_held_until_the_end_is_stream_buffered()
    {
        _server.StreamMode = FakeStreamMode.Buffered;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        var stage = r.StageNamed("stream")!;
        var f = Assert.Single(stage.Findings);
        Assert.Equal(FindingCodes.ApiStreamBuffered, f.Code);
        Assert.Equal(Outcome.Warn, stage.Outcome);
        Assert.Contains("events arrived at once", f.Summary);
    }

    [Fact]
    public async Task An_error_event_after_the_200_is_stream_error()
    {
        _server.StreamMode = FakeStreamMode.ErrorAfterStart;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal("stream", r.FailedStage);
        var f = Assert.Single(r.StageNamed("stream")!.Findings);
        Assert.Equal(FindingCodes.ApiStreamError, f.Code);
        Assert.Contains("overloaded_error \"Overloaded\"", f.Summary);
    }

    [Fact]
    public void The_timeline_splits_events_across_reads_and_crlf()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var t = new SseTimeline(clock);

        t.OnRead("event: ping\r\ndata: {\"type\":\"ping\"}\r\n\r\nevent: err"u8.ToArray());
        t.OnRead("or\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}\n\n: comment\n\n"u8.ToArray());

        Assert.Equal(["ping", "error"], t.Events.Select(e => e.Name));
        Assert.Equal("api_error", t.Events[1].ErrorType);
        Assert.Equal("boom", t.Events[1].ErrorMessage);
    }

    [Fact]
    public void Held_back_needs_a_late_single_burst()
    {
        SseEvent[] Burst(double at) => [new("message_start", at), new("content_block_start", at + 1), new("content_block_delta", at + 2), new("message_stop", at + 3)];

        Assert.Equal(900, StreamStage.HeldBack(Burst(1000), headersMs: 100));
        // Right after the headers: a fast answer, not proof of buffering.
        Assert.Null(StreamStage.HeldBack(Burst(110), headersMs: 100));
        Assert.Null(StreamStage.HeldBack([new("message_start", 200), new("content_block_delta", 600), new("message_stop", 1000)], headersMs: 100));
    }
}
