using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>Runs alone (it counts this process's file descriptors): handshakes, checks and timeouts leak nothing.</summary>
[Collection(nameof(FdCountCollection))]
public sealed class TlsResourceTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    /// <summary>
    /// Sockets, pipes and event descriptors: what a network probe could leak. Files are left out: the test
    /// runner opens assemblies and symbol files (.pdb, for stack traces) lazily, whenever it likes.
    /// </summary>
    private static IEnumerable<string> Descriptors() => Directory.GetFileSystemEntries("/proc/self/fd")
        .Select(f => new FileInfo(f).LinkTarget ?? "?")
        .Where(t => !t.StartsWith('/'))
        .Select(t => t.Split(':')[0]);

    private static int OpenFds() => Descriptors().Count();

    /// <summary>What the descriptors are ("socket=3 pipe=15"), so a failure says what grew.</summary>
    private static string Kinds() => string.Join(" ", Descriptors().GroupBy(k => k).Select(g => $"{g.Key}={g.Count()}").Order());

    /// <summary>The count once it stops moving (other tests' child-process pipes close late); bounded to 2 s.</summary>
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

    [LinuxFact("openssl")]
    public async Task Handshakes_protocol_checks_and_timeouts_leave_no_file_descriptors_behind()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);
        using var closed = new ClosedPort(IPAddress.Loopback);
        var probe = new TlsProbe();
        var options = new TlsProbeOptions(TimeSpan.FromSeconds(10), _pki.Trusting, "localhost");
        async Task RoundAsync(SilentListener silent)
        {
            Assert.Empty((await probe.ProbeAsync(new Target("127.0.0.1", server.Port), options)).Findings);
            Assert.NotEmpty((await probe.ProbeAsync(new Target("127.0.0.1", closed.Port), options)).Findings);
            Assert.NotEmpty((await probe.ProbeAsync(new Target("127.0.0.1", silent.Port), options with { Timeout = TimeSpan.FromMilliseconds(200) })).Findings);
        }
        async Task BatchAsync(int rounds)
        {
            // Each batch has its own silent server, so the server ends of its stalled connections are gone after it.
            using var silent = new SilentListener();
            for (var i = 0; i < rounds; i++) await RoundAsync(silent);
        }

        // Growth with the number of rounds is the leak; the runtime opens a few descriptors lazily on first use
        // (pipes, event descriptors), so the baseline is taken after some rounds, not before the first.
        await BatchAsync(5);
        var before = await SettledFdsAsync();
        var kindsBefore = Kinds();
        await BatchAsync(15);
        var after = OpenFds();

        // A drop is another test's child-process pipes closing in the background.
        Assert.True(after <= before, $"{after - before} file descriptors more after 15 more rounds ({before} → {after}): before {kindsBefore}; after {Kinds()}");
    }
}
