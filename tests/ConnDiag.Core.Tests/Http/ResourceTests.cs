using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Http;
using Microsoft.AspNetCore.Builder;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>Probes release what they open, and a cancelled probe stops at once.</summary>
public class ResourceTests
{
    [LinuxFact]
    public async Task Many_probes_leave_no_file_descriptors_behind()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "ok"));
        using var silent = RawTcpServer.Silent();
        var ok = server.Url("/");
        var timeout = Fast with { Timeout = TimeSpan.FromMilliseconds(200) };
        // Warm up: the runtime opens its own descriptors (epoll, pipes) on first use.
        await ProbeAsync(ok);
        await ProbeAsync(silent.Url(), timeout);
        var before = FileDescriptors.Count();

        for (var i = 0; i < 100; i++) await ProbeAsync(ok);
        for (var i = 0; i < 5; i++) await ProbeAsync(silent.Url(), timeout);

        var after = FileDescriptors.Count();
        Assert.True(after - before <= 5, $"file descriptors went from {before} to {after} over 105 probes");
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
}
