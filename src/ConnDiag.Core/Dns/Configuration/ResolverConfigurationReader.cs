using System.Globalization;
using ConnDiag.Model;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// Reads the system resolver configuration: resolv.conf (glibc's rules), the hosts file, nsswitch.conf's hosts
/// order, the stub behind 127.0.0.53 / 127.0.0.11 and who generated the file; on Windows the adapters' DNS
/// settings. Missing or unreadable files are warnings, never exceptions; no server is DNS.NO_SERVERS (ConnDiag
/// never substitutes a public resolver).
/// </summary>
public sealed class ResolverConfigurationReader
{
    public ResolverConfigurationReader(ResolverConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Sources = sources;
    }

    public ResolverConfigurationSources Sources { get; }

    /// <summary>A reader for this machine and this process's environment.</summary>
    public static ResolverConfigurationReader ForCurrentSystem() => new(ResolverConfigurationSources.ForCurrentSystem());

    /// <summary>Reads the configuration.</summary>
    public Task<ResolverConfiguration> ReadAsync(CancellationToken cancellationToken = default) => ReadAsync([], cancellationToken);

    /// <summary>Reads the configuration and checks each of <paramref name="names"/> (hosts-file override, search candidates).</summary>
    /// <exception cref="ArgumentException">A name is empty or malformed (<see cref="SearchList.ValidateName"/>).</exception>
    public async Task<ResolverConfiguration> ReadAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (SearchList.ValidateName(name) is { } problem) throw new ArgumentException($"Cannot check '{name}': {problem}.", nameof(names));
        }
        var config = Sources.Platform == ResolverPlatform.Windows
            ? await ReadWindowsAsync(cancellationToken).ConfigureAwait(false)
            : await ReadUnixAsync(cancellationToken).ConfigureAwait(false);
        return CheckNames(config, names);
    }

    /// <summary>Adds a <see cref="NameCheck"/> per name, and DNS.HOSTS_OVERRIDE for each name the hosts file answers.</summary>
    public static ResolverConfiguration CheckNames(ResolverConfiguration config, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(names);
        var checks = new List<NameCheck>(config.NameChecks);
        var findings = new List<Finding>(config.Findings);
        foreach (var name in names)
        {
            checks.Add(new NameCheck(name, HostsOverride.Find(name, config), SearchList.Candidates(name, config)));
            if (HostsOverride.Check(name, config) is { } finding) findings.Add(finding);
        }
        return config with { NameChecks = checks, Findings = findings };
    }

    private async Task<ResolverConfiguration> ReadUnixAsync(CancellationToken cancellationToken)
    {
        var notes = new List<ConfigurationNote>();
        var warnings = new List<ConfigurationNote>();
        var findings = new List<Finding>();
        var resolvPath = Sources.ResolvConfPath ?? "/etc/resolv.conf";

        var resolvText = await ReadAsync(resolvPath, BoundedTextFile.SmallFileLimit, warnings, cancellationToken).ConfigureAwait(false);
        var resolv = ResolvConfParser.Parse(resolvText.Text ?? "", resolvPath, Sources.Context);
        notes.AddRange(resolv.Notes);
        warnings.AddRange(resolv.Warnings);
        var detection = StubDetector.Detect(resolv, BoundedTextFile.LinkTarget(resolvPath));
        notes.AddRange(detection.Notes);

        var upstream = new List<NameServerEntry>(detection.UpstreamServers);
        if (detection.StubKind == StubResolverKind.SystemdResolved && Sources.SystemdResolvedPath is { } uplinkPath)
        {
            var uplink = await ReadAsync(uplinkPath, BoundedTextFile.SmallFileLimit, null, cancellationToken).ConfigureAwait(false);
            if (uplink.Text is { } uplinkText)
            {
                var parsed = ResolvConfParser.Parse(uplinkText, uplinkPath);
                // systemd-resolved uses every server of its own list; glibc's limit of three does not apply to it.
                upstream.AddRange(parsed.Servers.Concat(parsed.IgnoredServers));
                if (upstream.Count == 0) findings.Add(ResolverFindings.StubWithoutUpstream("systemd-resolved", uplinkPath));
            }
            else
            {
                notes.Add(new ConfigurationNote($"systemd-resolved's upstream servers could not be read from {uplinkPath}{(uplink.Error is null ? " (it does not exist)" : ": " + uplink.Error)}; 'resolvectl status' shows them", uplinkPath, null));
            }
        }
        if (detection.Generator == ResolvConfGenerator.Wsl && Sources.WslConfPath is { } wslConf)
        {
            var wsl = await ReadAsync(wslConf, BoundedTextFile.SmallFileLimit, null, cancellationToken).ConfigureAwait(false);
            if (wsl.Text is { } text && WslDisablesGeneration(text) is { } line)
            {
                notes.Add(new ConfigurationNote("generateResolvConf = false: WSL no longer rewrites resolv.conf, so this generated copy stays until it is edited", wslConf, line));
            }
        }

        if (resolv.Servers.Count == 0)
        {
            var evidence = !resolvText.Exists
                ? $"{resolvPath} does not exist."
                : resolvText.Error is not null
                    ? $"{resolvPath} cannot be read: {resolvText.Error}."
                    : $"{resolvPath} has no valid nameserver line{(resolv.Warnings.Count > 0 ? $" ({resolv.Warnings.Count} warning(s): {string.Join("; ", resolv.Warnings.Take(3))})" : "")}.";
            evidence += Sources.Platform == ResolverPlatform.Linux ? " glibc then sends queries to 127.0.0.1:53, which works only if a local DNS server listens there." : "";
            findings.Add(ResolverFindings.NoServers(resolvPath, evidence));
        }

        var hostsText = await ReadAsync(Sources.HostsPath, BoundedTextFile.HostsFileLimit, warnings, cancellationToken).ConfigureAwait(false);
        var hosts = HostsFileParser.Parse(hostsText.Text ?? "", Sources.HostsPath);
        warnings.AddRange(hosts.Warnings);

        IReadOnlyList<LookupSource> order;
        if (Sources.Platform == ResolverPlatform.MacOS)
        {
            order = [new LookupSource("files", [], "macOS resolver (hosts file first)", null), new LookupSource("dns", [], "macOS resolver (hosts file first)", null)];
        }
        else if (Sources.NsswitchPath is null)
        {
            order = NsswitchParser.Parse("", "nsswitch.conf (not read)").Order;
        }
        else
        {
            var nsswitchText = await ReadAsync(Sources.NsswitchPath, BoundedTextFile.SmallFileLimit, null, cancellationToken).ConfigureAwait(false);
            var nsswitch = nsswitchText.Text is { } t ? NsswitchParser.Parse(t, Sources.NsswitchPath) : NsswitchParser.Missing(Sources.NsswitchPath);
            order = nsswitch.Order;
            notes.AddRange(nsswitch.Notes);
            warnings.AddRange(nsswitch.Warnings);
        }

        if (Sources.Platform == ResolverPlatform.MacOS) notes.AddRange(MacOSNotes(resolvPath));

        return new ResolverConfiguration(
            Sources.Platform, resolvPath, resolv.Servers, resolv.IgnoredServers, resolv.SearchList, resolv.Options,
            Sources.HostsPath, hosts.Entries, Sources.Platform == ResolverPlatform.Linux ? Sources.NsswitchPath : null, order,
            detection.Generator, detection.StubKind, upstream, [], notes, warnings, findings);
    }

    private async Task<ResolverConfiguration> ReadWindowsAsync(CancellationToken cancellationToken)
    {
        var warnings = new List<ConfigurationNote>();
        var notes = new List<ConfigurationNote>
        {
            new("Windows: servers and suffixes are read per adapter; the global suffix search list, NRPT rules and the DNS client cache are not read (Get-DnsClientGlobalSetting, Get-DnsClientNrptPolicy)", null, null),
        };
        var adapters = WindowsResolverConfiguration.ReadAdapters();
        var (servers, search) = WindowsResolverConfiguration.FromAdapters(adapters);
        var findings = new List<Finding>();
        if (servers.Count == 0)
        {
            findings.Add(ResolverFindings.NoServers("any network adapter",
                adapters.Count == 0 ? "No network adapter is up." : $"{adapters.Count} adapter(s) up ({string.Join(", ", adapters.Select(a => a.Name))}), none with a DNS server."));
        }
        var hostsText = await ReadAsync(Sources.HostsPath, BoundedTextFile.HostsFileLimit, warnings, cancellationToken).ConfigureAwait(false);
        var hosts = HostsFileParser.Parse(hostsText.Text ?? "", Sources.HostsPath);
        warnings.AddRange(hosts.Warnings);
        return new ResolverConfiguration(
            ResolverPlatform.Windows, null, servers, [], search, ResolverOptions.Default,
            Sources.HostsPath, hosts.Entries, null, WindowsResolverConfiguration.LookupOrder,
            ResolvConfGenerator.Unknown, StubResolverKind.None, [], [], notes, warnings, findings);
    }

    private static async Task<BoundedText> ReadAsync(string path, int limit, List<ConfigurationNote>? warnings, CancellationToken cancellationToken)
    {
        var read = await BoundedTextFile.ReadAsync(path, limit, cancellationToken).ConfigureAwait(false);
        if (warnings is null) return read;
        if (!read.Exists) warnings.Add(new ConfigurationNote($"{path} does not exist", path, null));
        else if (read.Error is not null) warnings.Add(new ConfigurationNote($"{path} cannot be read: {read.Error}", path, null));
        else if (read.Truncated) warnings.Add(new ConfigurationNote($"{path} is larger than {limit / 1024} KiB; only the first {limit / 1024} KiB were read", path, null));
        return read;
    }

    // [network] generateResolvConf = false (INI; keys are case-insensitive in wsl.conf).
    private static int? WslDisablesGeneration(string text)
    {
        var inNetwork = false;
        foreach (var (number, raw) in ConfigText.Lines(text))
        {
            var line = raw.Trim();
            if (line.StartsWith('[')) inNetwork = line.Equals("[network]", StringComparison.OrdinalIgnoreCase);
            else if (inNetwork && line.Replace(" ", "", StringComparison.Ordinal).Equals("generateResolvConf=false", StringComparison.OrdinalIgnoreCase)) return number;
        }
        return null;
    }

    private IEnumerable<ConfigurationNote> MacOSNotes(string resolvPath)
    {
        yield return new ConfigurationNote("macOS: this file is informational; the system resolver follows the configuration 'scutil --dns' shows (per-interface and per-domain resolvers)", resolvPath, null);
        if (Sources.MacOSResolverDirectory is { } dir && Directory.Exists(dir))
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                files = [];
            }
            foreach (var f in files.Order(StringComparer.Ordinal).Take(50))
            {
                yield return new ConfigurationNote(string.Create(CultureInfo.InvariantCulture, $"per-domain resolver for '{Path.GetFileName(f)}'"), f, null);
            }
        }
    }
}
