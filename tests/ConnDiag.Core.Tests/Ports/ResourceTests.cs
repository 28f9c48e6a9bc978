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

        var before = OpenFds();
        for (var i = 0; i < 20; i++) await RoundAsync();

        Assert.Equal(before, OpenFds());
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
