using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;
using Xunit.Abstractions;

namespace ConnDiag.Core.Tests.Tcp;

/// <summary>
/// Sweeps count file descriptors of the whole test process, so they run alone: no other test class opens
/// sockets or starts processes meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FdSensitiveCollection
{
    public const string Name = "fd-sensitive";
}

/// <summary>A namespace whose port 7002 drops every SYN: connects there last until their timeout.</summary>
public sealed class DropNamespace : NamespaceFixture
{
    public const int DropPort = 7002;

    protected override void Configure(NetNamespace ns) => ns.ApplyRules($$"""
        table inet conndiag {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport {{DropPort}} drop
          }
        }
        """);
}

[Collection(FdSensitiveCollection.Name)]
public sealed class TcpSweepTests(DropNamespace fixture, ITestOutputHelper output) : IClassFixture<DropNamespace>
{
    private const int Throttle = 64;
    // Descriptors the runtime may open on its own meanwhile (thread-pool or epoll bookkeeping); far below one per target.
    private const int FdSlack = 16;

    [LinuxFact]
    public async Task Two_thousand_loopback_targets_never_exceed_the_throttle_and_each_gets_one_right_result()
    {
        IPAddress[] loopbacks = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        var listeners = loopbacks.SelectMany(a => Enumerable.Range(0, 3).Select(_ => new LoopbackListener(a))).ToList();
        var closed = loopbacks.SelectMany(a => Enumerable.Range(0, 10).Select(_ => new ClosedPort(a))).ToList();
        try
        {
            var open = listeners.Select(l => new Target(l.Address.ToString(), l.Port)).ToList();
            var refused = closed.Select(c => new Target(c.Address.ToString(), c.Port)).ToList();
            // One in four targets listens; the rest are refused.
            var targets = Enumerable.Range(0, 2000).Select(i => i % 4 == 0 ? open[i / 4 % open.Count] : refused[i % refused.Count]).ToList();
            var expectOpen = open.ToHashSet();

            await WarmUpAsync(open[0], refused[0]);
            var before = FileDescriptors.Count();

            var connector = new CountingConnector(TcpConnector.Instance);
            var progress = new LastProgress();
            var results = new List<TcpPortResult>();
            await foreach (var r in TcpSweep.RunAsync(new TcpProbe(connector: connector), targets, new TcpProbeOptions(TimeSpan.FromSeconds(5)), Throttle, progress))
            {
                results.Add(r);
            }

            var after = FileDescriptors.Count();
            output.WriteLine($"max in flight {connector.MaxInFlight}, connects {connector.Started}, fds {before} -> {after}");

            Assert.InRange(connector.MaxInFlight, 2, Throttle);
            Assert.Equal(targets.Count, connector.Started);
            Assert.Equal(0, connector.InFlight);
            // Each target exactly once: the results are the targets as a multiset (order is completion order).
            Assert.Equal(Counts(targets), Counts(results.Select(r => new Target(r.TargetName, r.Port))));
            Assert.All(results, r =>
            {
                var attempt = Assert.Single(r.Attempts);
                if (expectOpen.Contains(new Target(r.TargetName, r.Port)))
                {
                    Assert.True(r.Status == TcpTargetStatus.Open, $"{r} expected Open: {attempt.Detail}");
                    Assert.Empty(r.Findings);
                }
                else
                {
                    Assert.True(r.Status == TcpTargetStatus.Failed && attempt.State == TcpPortState.Closed, $"{r} expected refused: {attempt.State} {attempt.Detail}");
                    Assert.Equal(FindingCodes.TcpRefused, Assert.Single(r.Findings).Code);
                }
            });
            Assert.Equal(new SweepProgress(targets.Count, targets.Count), progress.Last);
            Assert.True(after - before <= FdSlack, $"file descriptors grew from {before} to {after} over a sweep of {targets.Count} targets");
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
            closed.ForEach(c => c.Dispose());
        }
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Cancelling_stops_a_sweep_of_filtered_targets_and_releases_every_socket()
    {
        var ns = fixture.Ns;
        using var closedPorts = new DisposableList<ClosedPort>(Enumerable.Range(0, 16).Select(_ => new ClosedPort(IPAddress.Loopback)));
        // Refusals first, so results arrive at once; then far more filtered targets than the throttle, each of
        // which would take a minute: only cancellation can end this sweep within the test's bound.
        var fast = closedPorts.Items.Select(c => new Target(c.Address.ToString(), c.Port)).ToList();
        var targets = fast.Concat(Enumerable.Range(0, 2000).Select(_ => new Target(ns.InnerV4.ToString(), DropNamespace.DropPort))).ToList();

        await WarmUpAsync(fast[0], fast[1]);
        var before = FileDescriptors.Count();

        var connector = new CountingConnector(TcpConnector.Instance);
        using var cts = new CancellationTokenSource();
        var results = new List<TcpPortResult>();
        async Task ConsumeAsync()
        {
            await foreach (var r in TcpSweep.RunAsync(new TcpProbe(connector: connector), targets, new TcpProbeOptions(TimeSpan.FromSeconds(60)), Throttle, cancellationToken: cts.Token))
            {
                results.Add(r);
                if (results.Count == 1) cts.Cancel();
            }
        }

        // The bound only keeps a broken cancellation from hanging the run; it is not a timing assertion.
        var sweep = ConsumeAsync();
        var finished = await Task.WhenAny(sweep, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == sweep, "the sweep did not end within 30 s of starting, although it was cancelled after its first result");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);

        var after = FileDescriptors.Count();
        output.WriteLine($"results {results.Count}, connects {connector.Started}, max in flight {connector.MaxInFlight}, fds {before} -> {after}");
        // Nothing is handed out after the cancel, not even results that were already buffered.
        Assert.Equal(TcpTargetStatus.Failed, Assert.Single(results).Status);
        // No new connect after the cancel: at most the refusals plus one throttle's worth of filtered connects ever started.
        Assert.InRange(connector.Started, 1, fast.Count + Throttle);
        Assert.Equal(0, connector.InFlight);
        Assert.True(after - before <= FdSlack, $"file descriptors went from {before} to {after} after a cancelled sweep");
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_failing_target_source_ends_the_sweep_with_its_error_at_once()
    {
        var ns = fixture.Ns;
        await WarmUpAsync(null, null);
        var before = FileDescriptors.Count();
        var connector = new CountingConnector(TcpConnector.Instance);

        // Minute-long connects, then the source breaks (as a bad line in a target file would) while idle
        // workers are still pulling targets.
        IEnumerable<Target> Targets()
        {
            for (var i = 0; i < 10; i++) yield return new Target(ns.InnerV4.ToString(), DropNamespace.DropPort);
            throw new InvalidDataException("target source broke after 10 targets");
        }

        async Task ConsumeAsync()
        {
            await foreach (var _ in TcpSweep.RunAsync(new TcpProbe(connector: connector), Targets(), new TcpProbeOptions(TimeSpan.FromSeconds(60)), Throttle))
            {
            }
        }

        var sweep = ConsumeAsync();
        var finished = await Task.WhenAny(sweep, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == sweep, "the sweep kept waiting on its connects after the target source failed");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => sweep);
        Assert.Equal("target source broke after 10 targets", ex.Message);
        Assert.Equal(10, connector.Started);
        Assert.Equal(0, connector.InFlight);
        var after = FileDescriptors.Count();
        Assert.True(after - before <= FdSlack, $"file descriptors went from {before} to {after} after a failed sweep");
    }

    [Fact]
    public async Task A_throttle_out_of_range_is_rejected_with_the_allowed_range()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in TcpSweep.RunAsync(new TcpProbe(), [new Target("127.0.0.1", 9)], TcpProbeOptions.Default, 0))
            {
            }
        });
        Assert.Contains($"1-{TcpSweep.MaxThrottleLimit}", ex.Message);
    }

    // The first connects create the runtime's socket engine (epoll descriptors): not something a sweep leaks.
    private static async Task WarmUpAsync(Target? open, Target? closed)
    {
        if (open is not null) await new TcpProbe().ProbeAsync(open, TcpProbeOptions.Default);
        if (closed is not null) await new TcpProbe().ProbeAsync(closed, TcpProbeOptions.Default);
    }

    private static Dictionary<Target, int> Counts(IEnumerable<Target> targets) =>
        targets.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post it later, out of order).</summary>
    private sealed class LastProgress : IProgress<SweepProgress>
    {
        public SweepProgress Last { get; private set; }

        public void Report(SweepProgress value) => Last = value;
    }

    private sealed class DisposableList<T>(IEnumerable<T> items) : IDisposable where T : IDisposable
    {
        public List<T> Items { get; } = items.ToList();

        public void Dispose() => Items.ForEach(i => i.Dispose());
    }
}
