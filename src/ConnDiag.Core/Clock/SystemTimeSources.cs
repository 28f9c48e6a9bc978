using System.Text;

namespace ConnDiag.Clock;

/// <summary>An NTP server this machine is configured to use, and the file (or registry value) that says so.</summary>
public sealed record ConfiguredTimeServer(string Server, string ConfiguredIn);

/// <summary>
/// Finds the NTP servers the system's own time service uses, so <c>Test-ClockSkew</c> without arguments
/// checks against the same source: chrony (<c>server</c>/<c>pool</c> lines, with <c>confdir</c>,
/// <c>sourcedir</c> and <c>include</c>), systemd-timesyncd (<c>NTP=</c>, then <c>FallbackNTP=</c>, with
/// drop-ins), ntpd/ntpsec and OpenNTPD, and on Windows the W32Time <c>NtpServer</c> value. Reading is capped
/// (files, bytes, servers); nothing is resolved or contacted here.
/// </summary>
public static class SystemTimeSources
{
    private const int MaxFiles = 64;
    private const int MaxFileBytes = 256 * 1024;
    private const int MaxServers = 32;

    /// <summary>The configured NTP servers, in order of preference; empty when none is found.</summary>
    public static IReadOnlyList<ConfiguredTimeServer> Discover()
    {
        if (OperatingSystem.IsWindows()) return FromWindowsRegistry();
        return FromConfigFiles("/");
    }

    /// <summary>The paths <see cref="Discover"/> looks at on Unix-like systems, for error messages.</summary>
    public static IReadOnlyList<string> UnixConfigPaths { get; } =
    [
        "/etc/chrony/chrony.conf", "/etc/chrony.conf", "/etc/systemd/timesyncd.conf", "/etc/ntpsec/ntp.conf", "/etc/ntp.conf", "/etc/openntpd/ntpd.conf", "/etc/ntpd.conf",
    ];

    /// <summary>Reads the configuration files under <paramref name="root"/> (a directory standing in for /).</summary>
    internal static IReadOnlyList<ConfiguredTimeServer> FromConfigFiles(string root)
    {
        var found = new List<ConfiguredTimeServer>();
        var budget = new FileBudget(root);
        foreach (var chrony in new[] { "etc/chrony/chrony.conf", "etc/chrony.conf" })
        {
            ReadChrony(budget, chrony, found);
        }
        ReadTimesyncd(budget, found);
        foreach (var ntp in new[] { "etc/ntpsec/ntp.conf", "etc/ntp.conf", "etc/openntpd/ntpd.conf", "etc/ntpd.conf" })
        {
            ReadServerLines(budget, ntp, found, ["server", "pool", "servers"]);
        }
        return found.DistinctBy(s => s.Server, StringComparer.OrdinalIgnoreCase).Take(MaxServers).ToList();
    }

    private static void ReadChrony(FileBudget budget, string path, List<ConfiguredTimeServer> found)
    {
        if (budget.Read(path) is not { } text) return;
        foreach (var words in Lines(text))
        {
            switch (words[0].ToLowerInvariant())
            {
                case "server" or "pool" or "peer" when words.Length > 1:
                    Add(found, words[1], budget.Display(path));
                    break;
                case "include" when words.Length > 1:
                    foreach (var file in budget.Glob(words[1])) ReadChrony(budget, file, found);
                    break;
                case "confdir" when words.Length > 1:
                    foreach (var dir in words.Skip(1)) foreach (var file in budget.Glob(dir.TrimEnd('/') + "/*.conf")) ReadChrony(budget, file, found);
                    break;
                case "sourcedir" when words.Length > 1:
                    foreach (var dir in words.Skip(1)) foreach (var file in budget.Glob(dir.TrimEnd('/') + "/*.sources")) ReadChrony(budget, file, found);
                    break;
            }
        }
    }

    private static void ReadTimesyncd(FileBudget budget, List<ConfiguredTimeServer> found)
    {
        // Later files override earlier ones key by key, as systemd reads them.
        var files = new List<string> { "etc/systemd/timesyncd.conf" };
        files.AddRange(new[] { "usr/lib/systemd/timesyncd.conf.d", "run/systemd/timesyncd.conf.d", "etc/systemd/timesyncd.conf.d" }
            .SelectMany(d => budget.Glob("/" + d + "/*.conf"))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal));
        (string[] Servers, string File)? ntp = null, fallback = null;
        foreach (var file in files)
        {
            if (budget.Read(file) is not { } text) continue;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0 || line.StartsWith('#') || line.StartsWith(';')) continue;
                var key = line[..eq].Trim();
                var values = line[(eq + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (key == "NTP") ntp = (values, budget.Display(file));
                else if (key == "FallbackNTP") fallback = (values, budget.Display(file));
            }
        }
        foreach (var set in new[] { ntp, fallback })
        {
            if (set is { } s) foreach (var server in s.Servers) Add(found, server, s.File);
        }
    }

    private static void ReadServerLines(FileBudget budget, string path, List<ConfiguredTimeServer> found, string[] keywords)
    {
        if (budget.Read(path) is not { } text) return;
        foreach (var words in Lines(text))
        {
            if (words.Length > 1 && keywords.Contains(words[0].ToLowerInvariant())) Add(found, words[1], budget.Display(path));
        }
    }

    private static void Add(List<ConfiguredTimeServer> found, string server, string file)
    {
        // ntpd's 127.127.t.u addresses name reference-clock drivers, not servers; an NTS or key option is not a name.
        if (server.StartsWith("127.127.", StringComparison.Ordinal) || server.Length > 253 || found.Count >= MaxServers) return;
        if (!ClockSource.TryParseNtpServer(server, out _, out _)) return;
        found.Add(new ConfiguredTimeServer(server, file));
    }

    private static IEnumerable<string[]> Lines(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var hash = raw.IndexOfAny(['#', '!', ';']);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            yield return line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        }
    }

    private static IReadOnlyList<ConfiguredTimeServer> FromWindowsRegistry()
    {
        if (!OperatingSystem.IsWindows()) return [];
        const string key = @"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\W32Time\Parameters";
        if (Microsoft.Win32.Registry.GetValue(key, "NtpServer", null) is not string value) return [];
        // "time.windows.com,0x9 other.example,0x8": the flags after the comma are W32Time's, not part of the name.
        var found = new List<ConfiguredTimeServer>();
        foreach (var entry in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(found, entry.Split(',')[0], key + @"\NtpServer");
        }
        return found;
    }

    /// <summary>Reads files below a root with a cap on how many and how large, and expands simple globs.</summary>
    private sealed class FileBudget(string root)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        /// <summary>The path as the user knows it (/etc/...), whatever the root.</summary>
        public string Display(string relative) => "/" + relative.TrimStart('/');

        public string? Read(string relative)
        {
            var display = Display(relative);
            if (_seen.Count >= MaxFiles || !_seen.Add(display)) return null;
            var full = Path.Combine(root, relative.TrimStart('/'));
            try
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[MaxFileBytes];
                var total = 0;
                int n;
                while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
                return Encoding.UTF8.GetString(buffer, 0, total);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Files matching an absolute pattern whose last part may hold '*' (chrony's include and dirs).</summary>
        public IEnumerable<string> Glob(string pattern)
        {
            var dir = Path.GetDirectoryName(pattern.TrimStart('/')) ?? "";
            var name = Path.GetFileName(pattern);
            var fullDir = Path.Combine(root, dir);
            string[] files;
            try
            {
                files = Directory.Exists(fullDir) ? Directory.GetFiles(fullDir, name) : [];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return [];
            }
            return files.Order(StringComparer.Ordinal).Take(MaxFiles).Select(f => Path.Combine(dir, Path.GetFileName(f)));
        }
    }
}
