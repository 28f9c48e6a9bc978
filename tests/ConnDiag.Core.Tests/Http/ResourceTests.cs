using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>
/// Probes release what they open. Runs in the descriptor-counting collection (alone), against servers whose
/// descriptors are not this process's: python's http.server, and a listener that never accepts (the kernel
/// completes the handshakes into its backlog, so the probe waits for an answer that never comes).
/// </summary>
[Collection(nameof(FdCountCollection))]
public class ResourceTests
{
    [LinuxFact("python3")]
    public async Task Many_probes_leave_no_file_descriptors_behind()
    {
        await using var python = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        using var neverAccepts = TestSockets.Listen(IPAddress.Loopback);
        using var closed = new ClosedPort(IPAddress.Loopback);
        var ok = new Uri($"http://127.0.0.1:{python.Port}/");
        var silent = new Uri($"http://127.0.0.1:{TestSockets.PortOf(neverAccepts)}/");
        var refused = new Uri($"http://127.0.0.1:{closed.Port}/");
        var quick = Fast with { Timeout = TimeSpan.FromMilliseconds(200) };
        async Task RoundAsync()
        {
            Assert.Equal(200, (await ProbeAsync(ok)).StatusCode);
            Assert.Null((await ProbeAsync(silent, quick)).StatusCode);
            Assert.Null((await ProbeAsync(refused)).StatusCode);
        }
        await RoundAsync(); // warm-up: the runtime opens some descriptors lazily on first use

        var before = await SettledFdsAsync();
        for (var i = 0; i < 20; i++) await RoundAsync();

        var after = await SettledFdsAsync();
        Assert.True(after <= before, $"{after - before} sockets more after 60 probes ({before} -> {after})");
    }

    [Fact]
    public async Task Cancelling_a_probe_ends_it_with_OperationCanceledException()
    {
        using var silent = RawTcpServer.Silent();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var probe = new HttpProbe();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            probe.ProbeAsync(new HttpProbeRequest(silent.Url()), Fast with { Timeout = TimeSpan.FromSeconds(30) }, cancel.Token));
    }

    /// <summary>
    /// Open sockets, once the count stops moving (closing in the background); bounded to 2 s. Sockets only: the
    /// runtime maps assemblies it loads lazily (System.Net.Quic, NetworkInformation) as descriptors too.
    /// </summary>
    private static async Task<int> SettledFdsAsync()
    {
        var last = Sockets();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(100);
            var now = Sockets();
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    private static int Sockets() => Directory.GetFileSystemEntries("/proc/self/fd")
        .Count(f => new FileInfo(f).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
}
