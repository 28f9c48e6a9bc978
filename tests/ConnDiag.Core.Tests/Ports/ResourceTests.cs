using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Ports;
using ConnDiag.Ports.Linux;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>Runs alone: it counts this process's file descriptors, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(FdCountCollection), DisableParallelization = true)]
public sealed class FdCountCollection;

[Collection(nameof(FdCountCollection))]
public class ResourceTests
{
    private static int OpenFds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    /// <summary>The count once it stops moving (child processes reaped by earlier tests close pipes late); bounded to 2 s.</summary>
    private static async Task<int> SettledFdsAsync()
    {
        var last = OpenFds();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(100);
            var now = OpenFds();
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    [LinuxFact]
    public async Task Lookups_and_port_checks_leave_no_file_descriptor_behind()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);
        var sources = new IPortOwnerSource[]
        {
            new LinuxPortOwnerSource(),
            new LinuxPortOwnerSource(SocketTableMode.ProcOnly),
        };
        var check = new PortAvailability();
        async Task RoundAsync()
        {
            foreach (var s in sources)
            {
                Assert.Single(await s.GetOwnersAsync(PortOwnerQuery.Listeners(port), CancellationToken.None));
                Assert.NotEmpty(await s.GetOwnersAsync(new PortOwnerQuery([], null, PortStateFilter.All), CancellationToken.None));
            }
            Assert.NotNull(await check.CheckAsync(IPAddress.Loopback, port));
            Assert.Null(await check.CheckAsync(IPAddress.Loopback, TestSockets.FreePort()));
        }
        await RoundAsync(); // warm-up: the runtime opens some descriptors lazily on first use

        var before = await SettledFdsAsync();
        for (var i = 0; i < 20; i++) await RoundAsync();

        // A leak grows with the rounds (at least one descriptor per round: 20 or more); a handful is the runtime or
        // another collection's servers finishing in the background, and a drop is child-process pipes closing late.
        var after = await SettledFdsAsync();
        Assert.True(after - before < 10, $"{after - before} file descriptors more after 20 rounds ({before} → {after})");
    }

    [LinuxFact]
    public async Task A_cancelled_lookup_throws_operation_cancelled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new LinuxPortOwnerSource().GetOwnersAsync(PortOwnerQuery.Listeners(), cts.Token));
    }

    [LinuxFact]
    public void This_platform_gets_the_linux_source() =>
        Assert.IsType<LinuxPortOwnerSource>(PortOwnerFinder.ForCurrentPlatform());
}
