using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>Many TLS targets at once, under a throttle, and cancellation.</summary>
public sealed class TlsSweepTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    [LinuxFact("openssl")]
    public async Task Every_target_gets_one_report_under_the_throttle()
    {
        using var leaf = _pki.Leaf();
        using var a = OpenSslServer.Start(leaf, [_pki.Intermediate]);
        using var b = OpenSslServer.Start(leaf);
        using var closed = new ClosedPort(IPAddress.Loopback);
        Target[] targets = [new("127.0.0.1", a.Port), new("127.0.0.1", b.Port), new("127.0.0.1", closed.Port), new("127.0.0.1", a.Port)];
        var options = new TlsProbeOptions(TimeSpan.FromSeconds(10), _pki.Trusting);

        var reports = new List<TlsChainReport>();
        await foreach (var r in TlsSweep.RunAsync(new TlsProbe(), targets, options, throttleLimit: 2)) reports.Add(r);

        Assert.Equal(4, reports.Count);
        Assert.Equal(2, reports.Count(r => r.Port == a.Port && r.Findings.Count == 0));
        Assert.Equal(FindingCodes.TlsChainIncomplete, reports.Single(r => r.Port == b.Port).Findings[0].Code);
        Assert.Equal(FindingCodes.TcpRefused, reports.Single(r => r.Port == closed.Port).Findings[0].Code);
    }

    [Fact]
    public async Task Cancelling_stops_the_sweep_at_once_even_against_silent_servers()
    {
        using var silent = new SilentListener();
        var targets = Enumerable.Range(0, 50).Select(_ => new Target("127.0.0.1", silent.Port)).ToList();
        var options = new TlsProbeOptions(TimeSpan.FromSeconds(60), TlsChainOptions.Default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var run = Task.Run(async () =>
        {
            await foreach (var _ in TlsSweep.RunAsync(new TlsProbe(), targets, options, 8, cts.Token)) { }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public void The_throttle_limit_is_checked()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            TlsSweep.RunAsync(new TlsProbe(), [], TlsProbeOptions.Default, 0).GetAsyncEnumerator().MoveNextAsync().AsTask().GetAwaiter().GetResult());
        Assert.Equal("throttleLimit", ex.ParamName);
    }
}
