using System.Text.Json;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Reports.Support;

/// <summary>What the page asked the network for, read from Chromium's NetLog.</summary>
/// <param name="PageRequests">URLs the page itself requested (initiator = the page's origin; a file:// page's origin is "null").</param>
/// <param name="BrowserRequests">URLs Chromium's own services tried (initiator "not an origin"); none can leave: see <see cref="HeadlessChromium"/>.</param>
internal sealed record NetworkLog(IReadOnlyList<string> PageRequests, IReadOnlyList<string> BrowserRequests);

/// <summary>
/// Debian's chromium run headless on a local file, with the flags the machine notes give (no background networking,
/// a fresh profile each run). As root it runs in a network namespace of its own (`unshare --net`: only a loopback that
/// is down), and every host name maps to NOTFOUND, so neither the page nor the browser's own services can reach or
/// resolve anything; the NetLog still records what was asked for, which is what the tests check.
/// </summary>
internal static class HeadlessChromium
{
    public const string Binary = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static IEnumerable<string> Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
        "--hide-scrollbars", "--force-device-scale-factor=1",
    ];

    /// <summary>The DOM after the page loaded (what a person's browser built from the file), and the page's network requests.</summary>
    public static (string Dom, NetworkLog Network) DumpDom(string htmlPath)
    {
        using var temp = new TempFolder();
        var netLog = Path.Combine(temp.Path, "netlog.json");
        var result = Run([.. Flags(Path.Combine(temp.Path, "profile")), "--log-net-log=" + netLog, "--dump-dom", new Uri(htmlPath).AbsoluteUri]);
        return (result.StdOut, ReadNetLog(netLog));
    }

    /// <summary>A PNG screenshot of the page in a window of the given size.</summary>
    public static byte[] Screenshot(string htmlPath, int width, int height)
    {
        using var temp = new TempFolder();
        var png = Path.Combine(temp.Path, "shot.png");
        Run([.. Flags(Path.Combine(temp.Path, "profile")), $"--window-size={width},{height}", "--screenshot=" + png, new Uri(htmlPath).AbsoluteUri]);
        Assert.True(File.Exists(png), $"chromium wrote no screenshot to {png}");
        return File.ReadAllBytes(png);
    }

    private static ProcessResult Run(IReadOnlyList<string> chromiumArgs)
    {
        // A namespace of its own needs root (CI runs as root); elsewhere the resolver rule alone keeps names from resolving.
        return TestEnvironment.IsRoot && TestEnvironment.HasCommand("unshare")
            ? ProcessRunner.Run("unshare", ["--net", "--", Binary, .. chromiumArgs], timeout: Timeout)
            : ProcessRunner.Run(Binary, chromiumArgs, timeout: Timeout);
    }

    private static NetworkLog ReadNetLog(string path)
    {
        Assert.True(File.Exists(path), $"chromium wrote no NetLog to {path}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var types = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes").EnumerateObject()
            .ToDictionary(p => p.Value.GetInt32(), p => p.Name);
        var page = new List<string>();
        var browser = new List<string>();
        // A NetLog written by a process that was still shutting down may lack its closing brackets; JsonDocument would
        // have thrown above, so reaching here means the log is whole.
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            if (types.GetValueOrDefault(e.GetProperty("type").GetInt32()) != "URL_REQUEST_START_JOB") continue;
            if (!e.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("url", out var url)) continue;
            var initiator = p.TryGetProperty("initiator", out var i) ? i.GetString() : null;
            (initiator == "not an origin" ? browser : page).Add(url.GetString() ?? "");
        }
        return new NetworkLog(page, browser);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("conndiag-chromium-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A crashpad helper may still hold a file for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }
}
