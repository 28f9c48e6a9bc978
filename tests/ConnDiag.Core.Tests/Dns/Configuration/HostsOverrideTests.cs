using ConnDiag.Dns.Configuration;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class HostsOverrideTests
{
    private static ResolverConfiguration With(string nsswitch, string hostsPath = "/srv/etc/hosts")
    {
        var hosts = HostsFileParser.Parse(SampleFiles.Hosts, hostsPath);
        var order = NsswitchParser.Parse(nsswitch, "/srv/etc/nsswitch.conf").Order;
        return new ResolverConfiguration(ResolverPlatform.Linux, null, [], [], [], ResolverOptions.Default,
            hostsPath, hosts.Entries, "/srv/etc/nsswitch.conf", order, ResolvConfGenerator.Unknown, StubResolverKind.None, [], [], [], [], []);
    }

    [Fact]
    public void Files_before_dns_gives_every_matching_line_in_file_order_and_a_finding()
    {
        var config = With("hosts: files dns\n");
        Assert.Equal([8, 14], HostsOverride.Find("API.example.com", config).Select(e => e.Line));

        var f = HostsOverride.Check("api.example.com", config);
        Assert.NotNull(f);
        Assert.Equal(FindingCodes.DnsHostsOverride, f!.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(Layer.Dns, f.Layer);
        Assert.Equal("api.example.com is answered from the hosts file /srv/etc/hosts:8 (192.0.2.10, 2001:db8::10); DNS is not asked.", f.Summary);
        Assert.Contains("'files dns' (/srv/etc/nsswitch.conf:1)", f.Evidence);
        Assert.Contains("/srv/etc/hosts:14: 2001:db8::10 API.EXAMPLE.COM", f.Evidence);
    }

    [Fact]
    public void Aliases_match_too_but_not_a_trailing_dot_or_a_search_expansion()
    {
        var config = With("hosts: files mdns4_minimal [NOTFOUND=return] dns\n");
        Assert.Single(HostsOverride.Find("build01", config));
        Assert.Empty(HostsOverride.Find("build01.corp.example.", config));
        Assert.Empty(HostsOverride.Find("api.example", config));
        Assert.Null(HostsOverride.Check("nothing.example", config));
    }

    [Fact]
    public void Dns_before_files_means_no_override()
    {
        var config = With("hosts: dns files\n");
        Assert.Empty(HostsOverride.Find("api.example.com", config));
        Assert.Null(HostsOverride.Check("api.example.com", config));
        Assert.Null(HostsOverride.Check("api.example.com", With("passwd: files\n")));
    }

    [Fact]
    public void Files_without_any_dns_service_still_answers_first()
    {
        Assert.NotNull(HostsOverride.Check("api.example.com", With("hosts: files myhostname\n")));
    }

    [Fact]
    public void Systemd_resolved_first_reads_etc_hosts_itself()
    {
        var config = With("hosts: resolve [!UNAVAIL=return] dns\n", "/etc/hosts");
        var f = HostsOverride.Check("api.example.com", config);
        Assert.NotNull(f);
        Assert.Contains("systemd-resolved first", f!.Evidence);
        // The same order over another hosts file: resolved reads /etc/hosts, not that one.
        Assert.Null(HostsOverride.Check("api.example.com", With("hosts: resolve [!UNAVAIL=return] dns\n")));
    }
}

public class HostsOverrideLocalhostTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("app.localhost")]
    public void Localhost_names_are_found_but_not_reported(string name)
    {
        var hosts = HostsFileParser.Parse("127.0.0.1 localhost app.localhost\n", "/srv/hosts");
        var config = new ResolverConfiguration(ResolverPlatform.Linux, null, [], [], [], ResolverOptions.Default, "/srv/hosts", hosts.Entries,
            null, NsswitchParser.Parse("hosts: files dns\n", "/srv/nsswitch.conf").Order, ResolvConfGenerator.Unknown, StubResolverKind.None, [], [], [], [], []);
        Assert.Single(HostsOverride.Find(name, config));
        Assert.Null(HostsOverride.Check(name, config));
    }
}
