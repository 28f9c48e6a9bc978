using System.Diagnostics;
using System.Globalization;
using System.Net;
using ConnDiag.Dns.Configuration;
using ConnDiag.Findings;

namespace ConnDiag.Dns.Client;

/// <summary>
/// Resolves the way the C library would, but with ConnDiag's own client so every failure keeps its precise
/// code: the hosts file first when the lookup order reads it before DNS (the answer names the file and line),
/// then the configured servers with each search-list candidate in order (<see cref="SearchList.Candidates(string, ResolverConfiguration)"/>),
/// A and AAAA in parallel, the options' timeout per attempt and attempts per server. Like glibc it moves to the
/// next candidate after NXDOMAIN, NODATA or SERVFAIL and stops at a timeout or an unreachable server. When DNS
/// has no address and the lookup order reads the hosts file after DNS, the hosts file is the last resort.
/// </summary>
public sealed class SystemDnsResolver : IAddressResolver
{
    private readonly Func<CancellationToken, Task<ResolverConfiguration>> _read;
    private Task<ResolverConfiguration>? _config;
    private readonly object _gate = new();
    private readonly IReadOnlyList<Transport.DnsServer>? _servers;

    /// <summary>A resolver over a configuration already read (a diagnosis that read it once, or a test).</summary>
    /// <param name="configuration">Hosts file, lookup order, search list, options and servers.</param>
    /// <param name="servers">Servers to ask instead of the configured ones (another port, TCP, DoH), with everything else from the configuration; null for the configured servers.</param>
    public SystemDnsResolver(ResolverConfiguration configuration, IReadOnlyList<Transport.DnsServer>? servers = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var read = Task.FromResult(configuration);
        _config = read;
        _read = _ => read;
        _servers = servers;
    }

    private SystemDnsResolver(ResolverConfigurationReader reader, IReadOnlyList<Transport.DnsServer>? servers = null)
    {
        _read = ct => reader.ReadAsync(ct);
        _servers = servers;
    }

    /// <summary>A resolver that reads this machine's configuration on its first lookup (once per instance).</summary>
    public static SystemDnsResolver ForCurrentSystem() => new(ResolverConfigurationReader.ForCurrentSystem());

    /// <summary>Like <see cref="ForCurrentSystem()"/>, asking <paramref name="servers"/> instead of the configured servers when given.</summary>
    public static SystemDnsResolver ForCurrentSystem(IReadOnlyList<Transport.DnsServer>? servers) => new(ResolverConfigurationReader.ForCurrentSystem(), servers);

    public async Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IPAddress.TryParse(host, out var literal)) return new AddressResolution([literal], 0, null, "literal");
        var clock = Stopwatch.StartNew();
        if (SearchList.ValidateName(host) is { } invalid) return new AddressResolution([], 0, "not a valid DNS name: " + invalid, "system configuration");

        var config = await ConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var bare = host.Length > 1 ? host.TrimEnd('.') : host;
        var first = HostsOverride.Find(bare, config);
        if (first.Count > 0) return FromHosts(first, clock);

        var servers = _servers ?? ConfiguredServers.From(config);
        if (servers.Count == 0)
        {
            return new AddressResolution([], clock.Elapsed.TotalMilliseconds, ConfiguredServers.NoServers(config).Summary.TrimEnd('.'), "system configuration")
            { ErrorCode = FindingCodes.DnsNoServers };
        }
        var source = "system configuration (" + string.Join(", ", servers.Select(s => s.Text)) + ")";
        if (config.Options.Attempts < 1)
        {
            return new AddressResolution([], 0, "resolv.conf sets attempts:0, so the C library sends no query at all", source);
        }

        var options = new DnsQueryOptions
        {
            Timeout = TimeSpan.FromSeconds(Math.Max(1, config.Options.TimeoutSeconds)),
            // glibc's attempts are rounds over the server list; here each server gets that many tries in turn.
            Retries = config.Options.Attempts - 1,
            UseTcpOnly = config.Options.UseVc,
        };
        var byServers = new DnsServerAddressResolver(servers, options);
        AddressResolution? last = null;
        var tried = new List<string>();
        foreach (var candidate in SearchList.Candidates(host, config))
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero) break;
            last = await byServers.ResolveAsync(candidate.Name, left, cancellationToken).ConfigureAwait(false);
            tried.Add(candidate.Name);
            if (last.Succeeded) return last with { DurationMs = clock.Elapsed.TotalMilliseconds, Source = source };
            // glibc's res_search keeps searching after these; a timeout or an unreachable server ends the lookup.
            if (last.ErrorCode is not (FindingCodes.DnsNxDomain or FindingCodes.DnsNoData or FindingCodes.DnsServFail)) break;
        }

        if (config.LookupOrder.Any(s => s.Service == "files"))
        {
            var later = config.HostsEntries.Where(e => e.Matches(bare)).ToList();
            if (later.Count > 0) return FromHosts(later, clock);
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (last is null)
        {
            return new AddressResolution([], elapsed, string.Create(CultureInfo.InvariantCulture, $"no time left to ask within {timeout.TotalSeconds:0.###} s"), source)
            { ErrorCode = FindingCodes.DnsTimeout };
        }
        var names = tried.Count > 1 ? $" (tried {string.Join(", ", tried)})" : "";
        return last with { DurationMs = elapsed, Source = source, Error = last.Error + names };
    }

    private static AddressResolution FromHosts(IReadOnlyList<HostsEntry> entries, Stopwatch clock)
    {
        var first = entries[0];
        return new AddressResolution(entries.Select(e => e.Address).Distinct().ToList(), clock.Elapsed.TotalMilliseconds, null,
            $"hosts file {ConfigurationLocation.Format(first.Source, first.Line)}");
    }

    private Task<ResolverConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A failed or cancelled read is not kept: the next lookup reads again.
            if (_config is null || _config.IsFaulted || _config.IsCanceled) _config = _read(cancellationToken);
            return _config;
        }
    }
}
