using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Http.Proxy;
using ConnDiag.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Monitoring;

/// <summary>
/// A watch against a real Kestrel server the test switches between fast, slow, failing (503) and gone (closed
/// port). The watch is pulled one sample at a time, so the server's mode for the next probe is set between samples.
/// Only bounds the server guarantees are asserted: a slow answer takes at least its delay; the fast phase is
/// assumed far below the 800 ms warning threshold.
/// </summary>
public sealed class EndpointWatcherTests
{
    private const int SlowMs = 1200;

    /// <summary>How early a timer may fire: a 1,200 ms delay is at least 1,185 ms on any clock this runs on.</summary>
    private const int TimerSlackMs = 15;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private enum Mode { Fast, Slow, Failing }

    private sealed class SwitchingServer : IAsyncDisposable
    {
        private volatile Mode _mode;
        private TestWebServer? _server;

        public Mode Mode { set => _mode = value; }
        public int Requests;
        public EndpointTarget Target => EndpointTarget.Parse(_server!.Url("/health").ToString());

        public static async Task<SwitchingServer> StartAsync()
        {
            var s = new SwitchingServer();
            s._server = await TestWebServer.StartAsync(app => app.MapGet("/health", async (HttpContext c) =>
            {
                Interlocked.Increment(ref s.Requests);
                switch (s._mode)
                {
                    case Mode.Slow:
                        await Task.Delay(SlowMs, c.RequestAborted);
                        await c.Response.WriteAsync("slow");
                        break;
                    case Mode.Failing:
                        c.Response.StatusCode = 503;
                        await c.Response.WriteAsync("down for maintenance");
                        break;
                    default:
                        await c.Response.WriteAsync("ok");
                        break;
                }
            }));
            return s;
        }

        /// <summary>Stops the server: its port then refuses connections.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_server is { } s)
            {
                _server = null;
                await s.DisposeAsync();
            }
        }
    }

    internal static WatchOptions Options(int count) => WatchOptions.Default with
    {
        Interval = TimeSpan.FromMilliseconds(150),
        Count = count,
        WindowSize = 4,
        WarnMs = 800,
        CriticalMs = 1100,
        ErrorRateWarnPercent = 25,
        ErrorRateCriticalPercent = 50,
        ProbeTimeout = TimeSpan.FromSeconds(20),
        Diagnosis = EndpointDiagnosisOptions.Default with { Proxy = new ProxyOptions(UseEnvironment: false) },
    };

    [Fact]
    public async Task States_follow_the_server_through_fast_slow_fast_failing_and_closed()
    {
        var server = await SwitchingServer.StartAsync();
        await using var _ = server;
        var target = server.Target;
        // Mode for each probe (1-based): 4 fast, 2 slow, 4 fast, 2 × 503, then the server is stopped.
        var plan = new[] { "f", "f", "f", "f", "s", "s", "f", "f", "f", "f", "503", "503", "closed" };
        var samples = new List<EndpointSample>();
        using var bound = new CancellationTokenSource(Bound);

        server.Mode = Mode.Fast;
        // A first diagnosis in a fresh test process JITs the whole pipeline and may take over a second on a
        // loaded machine: that is start-up, not the endpoint, so it runs before the watch whose states are asserted.
        await new EndpointDiagnoser().DiagnoseAsync(target, Options(1).Diagnosis, bound.Token);
        var warmUp = server.Requests;
        await foreach (var sample in new EndpointWatcher().WatchAsync(target, Options(plan.Length), bound.Token))
        {
            samples.Add(sample);
            if (samples.Count == plan.Length) break;
            switch (plan[samples.Count])
            {
                case "f": server.Mode = Mode.Fast; break;
                case "s": server.Mode = Mode.Slow; break;
                case "503": server.Mode = Mode.Failing; break;
                case "closed": await server.DisposeAsync(); break;
            }
        }

        var trace = string.Join("\n", samples.Select(s => $"{s.Sequence} {s.Success} {s.LatencyMs:0} p95={s.P95Ms:0} err={s.ErrorRatePercent} {s.State} {s.FailedStage} {string.Join(",", s.FindingCodes)} | {s.Reason}"));
        Assert.True(samples.Count == plan.Length, trace);
        Assert.Equal(Enumerable.Range(1, plan.Length).Select(i => (long)i), samples.Select(s => s.Sequence));
        Assert.All(samples, s => Assert.Equal(target.ToString(), s.Target));
        Assert.Equal(12, server.Requests - warmUp);

        WatchState[] expected =
        [
            WatchState.Ok, WatchState.Ok, WatchState.Ok, WatchState.Ok,
            WatchState.Critical, WatchState.Critical,
            WatchState.Critical, WatchState.Critical, WatchState.Critical, WatchState.Ok,
            WatchState.Warning, WatchState.Critical, WatchState.Critical,
        ];
        Assert.True(expected.SequenceEqual(samples.Select(s => s.State)), trace);
        // State changes are marked exactly where the state moved: into the slow phase, back once the window
        // held only fast probes again, and up twice as 503s filled it.
        Assert.True(new[] { 5L, 10, 11, 12 }.SequenceEqual(samples.Where(s => s.StateChanged).Select(s => s.Sequence)), trace);
        Assert.Null(samples[0].PreviousState);
        Assert.Equal(WatchState.Ok, samples[4].PreviousState);
        Assert.Equal(WatchState.Critical, samples[9].PreviousState);

        // The slow phase: each slow probe took at least the server's delay, and p95 follows it in and out.
        // The server's delay is a lower bound up to timer resolution: Task.Delay(1200) was once measured as 1199.0 ms.
        Assert.All(samples.Skip(4).Take(2), s => Assert.True(s.LatencyMs >= SlowMs - TimerSlackMs && s.P95Ms >= SlowMs - TimerSlackMs, trace));
        Assert.All(samples.Skip(6).Take(3), s => Assert.True(s.P95Ms >= SlowMs - TimerSlackMs, trace));
        Assert.True(samples[9].P95Ms < SlowMs, trace);
        Assert.StartsWith("p95 ", samples[4].Reason);
        Assert.Contains("≥ critical 1100 ms", samples[4].Reason);
        Assert.All(samples.Take(10), s => Assert.True(s.Success && s.ErrorRatePercent == 0 && s.StatusCode == 200, trace));

        // 503s and the closed port are failures; the error rate is failed / window.
        Assert.Equal([25d, 50d, 75d], samples.Skip(10).Select(s => s.ErrorRatePercent));
        Assert.Equal("error rate 25 % ≥ warn 25 %", samples[10].Reason);
        Assert.Equal("error rate 50 % ≥ critical 50 %", samples[11].Reason);
        Assert.All(samples.Skip(10).Take(2), s =>
        {
            Assert.False(s.Success);
            Assert.Equal("http", s.FailedStage);
            Assert.Equal(503, s.StatusCode);
            Assert.Contains("HTTP.SERVICE_UNAVAILABLE", s.FindingCodes);
        });
        var closed = samples[12];
        Assert.Equal("tcp", closed.FailedStage);
        Assert.Contains("TCP.REFUSED", closed.FindingCodes);
        Assert.Null(closed.StatusCode);
        Assert.Equal(4, closed.WindowSize);
    }

    [Fact]
    public async Task Chosen_stages_run_alone_and_a_failure_names_its_stage()
    {
        var server = await SwitchingServer.StartAsync();
        await using var _ = server;
        using var bound = new CancellationTokenSource(Bound);

        server.Mode = Mode.Failing;
        var tcpOnly = await Collect(server.Target, Options(2) with { Stages = ["tcp"] }, bound.Token);
        var httpOnly = await Collect(server.Target, Options(1) with { Stages = ["http"] }, bound.Token);

        // tcp (with the dns it needs) never sends a request, so a server answering 503 is healthy to it.
        Assert.All(tcpOnly, s => Assert.True(s.Success && s.ErrorRatePercent == 0 && s.StatusCode is null && s.FindingCodes.Count == 0, s.Reason));
        Assert.Equal(1, server.Requests);
        var http = Assert.Single(httpOnly);
        Assert.Equal(("http", 503), (http.FailedStage, http.StatusCode));
        Assert.Equal(WatchState.Critical, http.State);
    }

    [Fact]
    public async Task A_probe_that_outlasts_the_limit_fails_at_the_stage_it_was_in()
    {
        var server = await SwitchingServer.StartAsync();
        await using var _ = server;
        using var bound = new CancellationTokenSource(Bound);
        server.Mode = Mode.Slow;

        // The HTTP stage's own limit stays at its default (10 s): only the probe limit can end this one.
        var sample = Assert.Single(await Collect(server.Target, Options(1) with { ProbeTimeout = TimeSpan.FromMilliseconds(300) }, bound.Token));

        Assert.False(sample.Success);
        Assert.Equal("http", sample.FailedStage);
        Assert.Equal("no result within the probe's 0.3 s limit: the http stage was stopped", sample.FailureSummary);
        Assert.Equal(100, sample.ErrorRatePercent);
    }

    [Fact]
    public async Task Cancelling_mid_probe_ends_the_watch_and_closes_the_probe_connection()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/hang", async (HttpContext c) =>
        {
            arrived.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, c.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client closed its connection: what this test waits for.
                aborted.TrySetResult();
            }
        }));
        using var cancel = new CancellationTokenSource();
        var options = Options(1000) with { ProbeTimeout = TimeSpan.FromSeconds(60) };
        var samples = new List<EndpointSample>();

        var watch = Task.Run(async () =>
        {
            await foreach (var s in new EndpointWatcher().WatchAsync(EndpointTarget.Parse(server.Url("/hang").ToString()), options, cancel.Token))
            {
                samples.Add(s);
            }
        });
        await arrived.Task.WaitAsync(Bound);
        cancel.Cancel();

        // The enumeration ends (no exception: cancelling is how a watch stops), and the hanging request's
        // connection is closed by the client, so the server sees the abort.
        await watch.WaitAsync(Bound);
        await aborted.Task.WaitAsync(Bound);
        Assert.Empty(samples);
    }

    private static async Task<List<EndpointSample>> Collect(EndpointTarget target, WatchOptions options, CancellationToken ct)
    {
        var list = new List<EndpointSample>();
        await foreach (var s in new EndpointWatcher().WatchAsync(target, options, ct)) list.Add(s);
        return list;
    }
}
