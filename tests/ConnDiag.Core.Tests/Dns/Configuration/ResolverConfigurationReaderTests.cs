using System.Net;
using ConnDiag.Dns.Configuration;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Dns.Configuration;

/// <summary>The reader over a fake file-system root in a temporary directory: real files, real reads.</summary>
public sealed class ResolverConfigurationReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conndiag-resolver-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<ResolverConfiguration> ReadAsync(params string[] names) =>
        new ResolverConfigurationReader(ResolverConfigurationSources.UnderRoot(_root)).ReadAsync(names, CancellationToken.None);

    [Fact]
    public async Task Systemd_resolved_stub_shows_the_stub_and_the_upstream_servers_with_their_lines()
    {
        Write("etc/resolv.conf", SampleFiles.SystemdStub);
        var uplink = Write("run/systemd/resolve/resolv.conf", SampleFiles.SystemdUplink);
        Write("etc/hosts", SampleFiles.Hosts);
        Write("etc/nsswitch.conf", "hosts: files dns\n");

        var c = await ReadAsync();

        Assert.Equal(ResolverPlatform.Linux, c.Platform);
        Assert.Equal(Path.Combine(_root, "etc/resolv.conf"), c.ResolvConfPath);
        Assert.Equal(IPAddress.Parse("127.0.0.53"), Assert.Single(c.Servers).Address);
        Assert.Equal((ResolvConfGenerator.SystemdResolved, StubResolverKind.SystemdResolved), (c.Generator, c.StubKind));
        // resolved uses all four uplink servers: glibc's limit of three does not apply to it.
        Assert.Equal(["192.168.1.1", "fe80::1%2", "192.168.1.2", "192.168.1.3"], c.UpstreamServers.Select(s => s.ToString()));
        Assert.Equal([17, 18, 19, 20], c.UpstreamServers.Select(s => s.Line!.Value));
        Assert.All(c.UpstreamServers, s => Assert.Equal(uplink, s.Source));
        Assert.Equal("lan", Assert.Single(c.SearchList).Name);
        Assert.True(c.Options.Edns0 && c.Options.TrustAd);
        Assert.Equal(8, c.HostsEntries.Count);
        Assert.Equal(4, c.Warnings.Count(w => w.Source == c.HostsPath));
        Assert.Equal(["files", "dns"], c.LookupOrder.Select(s => s.Service));
        Assert.Empty(c.Findings);
        Assert.Empty(c.NameChecks);
    }

    [Fact]
    public async Task A_stub_whose_upstream_list_is_empty_is_NO_SERVERS()
    {
        Write("etc/resolv.conf", SampleFiles.SystemdStub);
        Write("run/systemd/resolve/resolv.conf", "# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\nsearch lan\n");

        var c = await ReadAsync();

        var f = Assert.Single(c.Findings);
        Assert.Equal(FindingCodes.DnsNoServers, f.Code);
        Assert.Contains("systemd-resolved has no upstream DNS server", f.Summary);
    }

    [Fact]
    public async Task An_unreadable_upstream_list_is_a_note_not_a_finding()
    {
        Write("etc/resolv.conf", SampleFiles.SystemdStub);
        var c = await ReadAsync();
        Assert.Empty(c.Findings);
        Assert.Contains(c.Notes, n => n.Message.Contains("upstream servers could not be read", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only comments\nsearch corp.example\n")]
    [InlineData("nameserver 192.0.2.1\r\n")]
    public async Task No_usable_nameserver_is_NO_SERVERS_and_nothing_is_substituted(string text)
    {
        Write("etc/resolv.conf", text);
        var c = await ReadAsync();

        Assert.Empty(c.Servers);
        Assert.Empty(c.UpstreamServers);
        var f = Assert.Single(c.Findings);
        Assert.Equal(FindingCodes.DnsNoServers, f.Code);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal($"No DNS server is configured in {c.ResolvConfPath}.", f.Summary);
        Assert.Contains("127.0.0.1:53", f.Evidence);
        Assert.Equal(FindingCatalog.Get(FindingCodes.DnsNoServers).Remedy, f.Remedy);
    }

    [Fact]
    public async Task Missing_files_are_warnings_and_glibc_defaults_apply()
    {
        var c = await ReadAsync();

        Assert.Equal(FindingCodes.DnsNoServers, Assert.Single(c.Findings).Code);
        Assert.Contains("does not exist", Assert.Single(c.Findings).Evidence);
        Assert.Contains(c.Warnings, w => w.Source == c.ResolvConfPath && w.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(c.Warnings, w => w.Source == c.HostsPath && w.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Equal("dns", c.LookupOrder[0].Service);
        Assert.Contains(c.Notes, n => n.Source == c.NsswitchPath && n.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symlinked_resolv_conf_is_followed_and_named()
    {
        var target = Write("run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.CreateSymbolicLink(Path.Combine(_root, "etc/resolv.conf"), target);

        var c = await ReadAsync();

        Assert.Equal(StubResolverKind.SystemdResolved, c.StubKind);
        Assert.Equal(ResolvConfGenerator.SystemdResolved, c.Generator);
        Assert.Contains(c.Notes, n => n.Message.Contains($"is a symlink to {target}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wsl_with_generation_disabled_says_the_file_is_a_leftover()
    {
        Write("etc/resolv.conf", SampleFiles.WslNat);
        Write("etc/wsl.conf", "[boot]\nsystemd=true\n\n[network]\ngenerateResolvConf = false\n");
        var c = await ReadAsync();
        Assert.Equal(ResolvConfGenerator.Wsl, c.Generator);
        Assert.Contains(c.Notes, n => n.Line == 5 && n.Message.Contains("no longer rewrites", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Checked_names_get_hosts_overrides_and_search_candidates()
    {
        Write("etc/resolv.conf", "nameserver 192.0.2.1\nsearch corp.example\n");
        Write("etc/hosts", SampleFiles.Hosts);
        Write("etc/nsswitch.conf", "hosts: files dns\n");

        var c = await ReadAsync("api.example.com", "build");

        Assert.Equal(["api.example.com", "build"], c.NameChecks.Select(n => n.Name));
        Assert.Equal([8, 14], c.NameChecks[0].HostsEntries.Select(e => e.Line));
        Assert.Equal(["api.example.com", "api.example.com.corp.example"], c.NameChecks[0].Candidates.Select(x => x.Name));
        Assert.Empty(c.NameChecks[1].HostsEntries);
        Assert.Equal(["build.corp.example", "build"], c.NameChecks[1].Candidates.Select(x => x.Name));
        var f = Assert.Single(c.Findings);
        Assert.Equal(FindingCodes.DnsHostsOverride, f.Code);
        Assert.Contains($"{c.HostsPath}:8", f.Summary);
    }

    [Fact]
    public async Task A_malformed_name_is_an_argument_error_before_anything_is_read()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync("two words"));
        Assert.Contains("'two words'", ex.Message);
    }

    [Fact]
    public async Task Environment_and_host_name_are_applied_when_given()
    {
        Write("etc/resolv.conf", "nameserver 192.0.2.1\n");
        var sources = ResolverConfigurationSources.UnderRoot(_root) with { Context = new ResolvConfContext(null, "ndots:4", "node7.dc1.example") };
        var c = await new ResolverConfigurationReader(sources).ReadAsync();
        Assert.Equal("dc1.example", Assert.Single(c.SearchList).Name);
        Assert.Equal(4, c.Options.Ndots);
    }

    [Fact]
    public async Task Reads_are_capped()
    {
        var path = Write("big", new string('#', 5000) + "\nnameserver 192.0.2.1\n");
        var read = await BoundedTextFile.ReadAsync(path, 4096, CancellationToken.None);
        Assert.True(read.Truncated);
        Assert.Equal(4096, read.Text!.Length);

        var small = await BoundedTextFile.ReadAsync(Write("small", "nameserver 192.0.2.1\n"), 4096, CancellationToken.None);
        Assert.False(small.Truncated);
        Assert.Equal("nameserver 192.0.2.1\n", small.Text);
    }

    [Fact]
    public void Windows_adapters_become_servers_and_suffixes_tagged_with_the_adapter()
    {
        var adapters = new[]
        {
            new AdapterDns("Ethernet", [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("fec0:0:0:ffff::1")], "corp.example"),
            new AdapterDns("Wi-Fi", [IPAddress.Parse("2001:db8::53")], "corp.example"),
            new AdapterDns("vEthernet", [], ""),
        };
        var (servers, search) = WindowsResolverConfiguration.FromAdapters(adapters);
        Assert.Equal(["192.0.2.53", "2001:db8::53"], servers.Select(s => s.Address.ToString()));
        Assert.Equal(["adapter Ethernet", "adapter Wi-Fi"], servers.Select(s => s.Source));
        Assert.All(servers, s => Assert.Null(s.Line));
        Assert.Equal("corp.example", Assert.Single(search).Name);
    }
}
