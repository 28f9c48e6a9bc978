using System.Globalization;
using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;
using Xunit.Abstractions;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// The sweep across targets: its throttle, streaming, cancellation and argument checks are proven with stages
/// that count and block on signals (ordering, never timing); the descriptor check runs the default plan against
/// real loopback servers. It counts the whole process's descriptors, so the class runs alone.
/// </summary>
[Collection(FdSensitiveCollection.Name)]
public sealed class EndpointSweepTests(ITestOutputHelper output)
{
    // A bound only so a broken sweep fails the test instead of hanging it; no verdict depends on it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    // Descriptors the runtime may open on its own meanwhile (thread-pool or epoll bookkeeping); far below one per target.
    private const int FdSlack = 16;

    private static EndpointTarget[] Targets(int count) =>
        Enumerable.Range(0, count).Select(i => EndpointTarget.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{10_000 + i}"))).ToArray();

    private static EndpointDiagnoser Only(IDiagnosticStage stage) => new(_ => StagePlan.Of(stage));

    private static async Task<List<EndpointSweepResult>> CollectAsync(IAsyncEnumerable<EndpointSweepResult> sweep)
    {
        var results = new List<EndpointSweepResult>();
        await foreach (var r in sweep) results.Add(r);
        return results;
    }

    [Fact]
    public async Task At_most_the_throttle_runs_at_once_and_the_throttle_is_reached()
    {
        const int throttle = 4;
        var stage = new CountingStage(releaseAt: throttle);
        var targets = Targets(20);

        var progress = new LastProgress();
        var results = await CollectAsync(EndpointSweep.RunAsync(Only(stage), targets, EndpointDiagnoserTests.Options(), throttle, progress))
            .WaitAsync(Bound);

        // Every diagnosis waited until `throttle` were running together: the max is the throttle, and not one more.
        Assert.Equal(throttle, stage.MaxInFlight);
        Assert.Equal(0, stage.InFlight);
        Assert.Equal(targets.Length, stage.Started);
        Assert.Equal(targets.Select(t => t.Input).Order(), results.Select(r => r.Target.Input).Order());
        Assert.Equal(new ConnDiag.Tcp.SweepProgress(targets.Length, targets.Length), progress.Last);
        Assert.All(results, r => Assert.Equal([(CountingStage.StageName, Outcome.Pass)], r.Report.Stages.Select(s => (s.Stage, s.Outcome))));
    }

    [Fact]
    public async Task A_result_is_handed_out_while_a_slower_diagnosis_is_still_running()
    {
        var targets = Targets(2);
        var slow = targets[0];
        var fast = targets[1];
        var fastRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The slow target's stage finishes only once the consumer has read the fast one's result: a sweep that
        // waited for all diagnoses before handing out any would never release it.
        var stage = new DelegateStage(async (context, ct) =>
        {
            if (context.Target.Port != slow.Target.Port) return "fast";
            var released = await Task.WhenAny(fastRead.Task, Task.Delay(Bound, ct)) == fastRead.Task;
            return released ? "released after the fast result was read" : "never released";
        });

        var order = new List<(string Input, string Summary)>();
        await foreach (var r in EndpointSweep.RunAsync(Only(stage), targets, EndpointDiagnoserTests.Options(), throttleLimit: 2))
        {
            order.Add((r.Target.Input, r.Report.Stages[0].Summary));
            if (r.Target == fast) fastRead.TrySetResult();
        }

        Assert.Equal([(fast.Input, "fast"), (slow.Input, "released after the fast result was read")], order);
    }

    [Fact]
    public async Task Cancelling_ends_the_sweep_with_OperationCanceledException_and_no_stage_left_running()
    {
        const int throttle = 3;
        var stage = new CountingStage(releaseAt: int.MaxValue);
        using var cts = new CancellationTokenSource();
        var results = 0;

        async Task ConsumeAsync()
        {
            await foreach (var _ in EndpointSweep.RunAsync(Only(stage), Targets(50), EndpointDiagnoserTests.Options(), throttle, cancellationToken: cts.Token))
            {
                results++;
            }
        }

        var sweep = ConsumeAsync();
        // Cancel once every worker is inside a stage that only cancellation can end.
        await stage.Reached(throttle).WaitAsync(Bound);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep.WaitAsync(Bound));

        Assert.Equal(0, results);
        Assert.Equal(0, stage.InFlight);
        Assert.Equal(throttle, stage.Started);
        Assert.Equal(throttle, stage.Cancelled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(EndpointSweep.MaxThrottleLimit + 1)]
    public async Task A_throttle_out_of_range_is_rejected_with_the_allowed_range(int throttle)
    {
        var stage = new CountingStage(releaseAt: 1);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CollectAsync(
            EndpointSweep.RunAsync(Only(stage), Targets(1), EndpointDiagnoserTests.Options(), throttle)));

        Assert.Equal("throttleLimit", ex.ParamName);
        Assert.Contains($"1-{EndpointSweep.MaxThrottleLimit}", ex.Message);
        Assert.Equal(0, stage.Started);
    }

    [Fact]
    public async Task The_largest_throttle_is_accepted()
    {
        var stage = new CountingStage(releaseAt: 1);

        var results = await CollectAsync(EndpointSweep.RunAsync(Only(stage), Targets(3), EndpointDiagnoserTests.Options(), EndpointSweep.MaxThrottleLimit))
            .WaitAsync(Bound);

        Assert.Equal(3, results.Count);
    }

    [LinuxFact("python3")]
    public async Task A_sweep_of_fifty_loopback_targets_leaves_no_descriptor_open()
    {
        using var dir = new TempDir();
        // Another process: its accepted sockets are not this process's descriptors.
        using var web = await StaticHttpServer.StartAsync(dir.Path);
        using var closed = new ClosedPort(IPAddress.Loopback);
        var url = $"http://127.0.0.1:{web.Port}/";
        var service = $"127.0.0.1:{web.Port}";
        var refused = $"http://127.0.0.1:{closed.Port}/";
        var inputs = Enumerable.Range(0, 50).Select(i => (i % 3) switch { 0 => url, 1 => service, _ => refused }).ToList();
        var targets = inputs.Select(EndpointTarget.Parse).ToList();
        var options = EndpointDiagnoserTests.Options();

        // The first runs create the runtime's socket engine and HTTP machinery: not something a sweep leaks.
        await CollectAsync(EndpointSweep.RunAsync(new EndpointDiagnoser(), targets.Take(6).ToList(), options, 4));
        var before = FileDescriptors.Count();

        var results = await CollectAsync(EndpointSweep.RunAsync(new EndpointDiagnoser(), targets, options, 8)).WaitAsync(TimeSpan.FromSeconds(60));

        var after = FileDescriptors.Count();
        output.WriteLine($"fds {before} -> {after}");
        Assert.Equal(inputs.Order(), results.Select(r => r.Target.Input).Order());
        Assert.All(results, r =>
        {
            var shape = string.Join(" ", r.Report.Stages.Select(s => $"{s.Stage}={s.Outcome}"));
            var expected = r.Target.Input == url ? "config=Pass dns=Skipped tcp=Pass proxy=Skipped tls=Skipped http=Pass"
                : r.Target.Input == service ? "config=Pass dns=Skipped tcp=Pass proxy=Skipped tls=Skipped http=Skipped"
                : "config=Pass dns=Skipped tcp=Fail proxy=Skipped tls=Skipped http=Skipped";
            Assert.True(shape == expected, $"{r.Target.Input}: {shape} (expected {expected}): {string.Join("; ", r.Report.Findings)}");
            if (r.Target.Input == refused) Assert.Contains(r.Report.Findings, f => f.Code == FindingCodes.TcpRefused);
        });
        Assert.True(after - before <= FdSlack, $"file descriptors grew from {before} to {after} over a sweep of {targets.Count} targets");
    }

    /// <summary>
    /// Counts concurrent runs. Each run waits until <c>releaseAt</c> runs have been in flight together (or for
    /// cancellation), so the throttle is reached before anything finishes.
    /// </summary>
    private sealed class CountingStage(int releaseAt) : IDiagnosticStage
    {
        public const string StageName = "count";
        private readonly object _gate = new();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

        public string Name => StageName;
        public Layer Layer => Layer.Tcp;
        public int InFlight { get; private set; }
        public int MaxInFlight { get; private set; }
        public int Started { get; private set; }
        public int Cancelled { get; private set; }

        /// <summary>Completes once <paramref name="count"/> runs are in flight at the same time.</summary>
        public Task Reached(int count)
        {
            lock (_gate)
            {
                if (MaxInFlight >= count) return Task.CompletedTask;
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, signal));
                return signal.Task;
            }
        }

        public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Started++;
                InFlight++;
                MaxInFlight = Math.Max(MaxInFlight, InFlight);
                if (InFlight >= releaseAt) _release.TrySetResult();
                foreach (var w in _waiters.Where(w => w.Count <= MaxInFlight)) w.Signal.TrySetResult();
            }
            try
            {
                await _release.Task.WaitAsync(Bound, cancellationToken);
                return new StageResult(Name, Layer, Outcome.Pass, 0, "counted", []);
            }
            catch (OperationCanceledException)
            {
                lock (_gate) Cancelled++;
                throw;
            }
            finally
            {
                lock (_gate) InFlight--;
            }
        }
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post it later, out of order).</summary>
    private sealed class LastProgress : IProgress<ConnDiag.Tcp.SweepProgress>
    {
        public ConnDiag.Tcp.SweepProgress? Last { get; private set; }

        public void Report(ConnDiag.Tcp.SweepProgress value) => Last = value;
    }

    /// <summary>A stage whose summary is whatever the delegate returns.</summary>
    private sealed class DelegateStage(Func<DiagnosticContext, CancellationToken, Task<string>> run) : IDiagnosticStage
    {
        public string Name => "delegate";
        public Layer Layer => Layer.Tcp;

        public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken) =>
            new(Name, Layer, Outcome.Pass, 0, await run(context, cancellationToken), []);
    }
}
