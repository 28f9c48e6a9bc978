using ConnDiag.Clock;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>Finding the system's NTP servers in real configuration files laid out under a temporary root.</summary>
public sealed class SystemTimeSourcesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("conndiag-timeconf-");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Nothing_configured_means_an_empty_list()
    {
        Assert.Empty(SystemTimeSources.FromConfigFiles(_root.FullName));
    }

    [Fact]
    public void Reads_chrony_with_its_conf_and_source_directories()
    {
        Write("etc/chrony/chrony.conf", """
            # Debian's default
            confdir /etc/chrony/conf.d
            pool 2.debian.pool.ntp.org iburst
            sourcedir /etc/chrony/sources.d
            ! server commented.example.com
            driftfile /var/lib/chrony/chrony.drift
            """);
        Write("etc/chrony/conf.d/10-site.conf", "server ntp1.corp.example iburst prefer\n");
        Write("etc/chrony/sources.d/dhcp.sources", "server 10.0.0.1 iburst\n");

        var found = SystemTimeSources.FromConfigFiles(_root.FullName);

        Assert.Equal(["ntp1.corp.example", "2.debian.pool.ntp.org", "10.0.0.1"], found.Select(s => s.Server));
        Assert.Equal("/etc/chrony/conf.d/10-site.conf", found[0].ConfiguredIn);
        Assert.Equal("/etc/chrony/chrony.conf", found[1].ConfiguredIn);
    }

    [Fact]
    public void Reads_timesyncd_NTP_before_FallbackNTP_with_drop_ins_overriding()
    {
        Write("etc/systemd/timesyncd.conf", """
            [Time]
            NTP=old.example.com
            FallbackNTP=fallback1.example.com fallback2.example.com
            """);
        Write("etc/systemd/timesyncd.conf.d/50-site.conf", "[Time]\nNTP=time1.example.com [::1]:1123\n");

        var found = SystemTimeSources.FromConfigFiles(_root.FullName);

        Assert.Equal(["time1.example.com", "[::1]:1123", "fallback1.example.com", "fallback2.example.com"], found.Select(s => s.Server));
        Assert.Equal("/etc/systemd/timesyncd.conf.d/50-site.conf", found[0].ConfiguredIn);
    }

    [Fact]
    public void Reads_ntpd_and_skips_reference_clock_pseudo_addresses()
    {
        Write("etc/ntpsec/ntp.conf", """
            server 127.127.1.0
            pool 0.debian.pool.ntp.org iburst
            server time.example.org
            restrict default kod nomodify
            """);

        var found = SystemTimeSources.FromConfigFiles(_root.FullName);

        Assert.Equal(["0.debian.pool.ntp.org", "time.example.org"], found.Select(s => s.Server));
    }

    [Fact]
    public void Chrony_comes_first_and_duplicates_are_listed_once()
    {
        Write("etc/chrony.conf", "server shared.example.com\n");
        Write("etc/ntp.conf", "server shared.example.com\nserver other.example.com\n");

        var found = SystemTimeSources.FromConfigFiles(_root.FullName);

        Assert.Equal(["shared.example.com", "other.example.com"], found.Select(s => s.Server));
        Assert.Equal("/etc/chrony.conf", found[0].ConfiguredIn);
    }

    [Fact]
    public void An_include_loop_ends()
    {
        Write("etc/chrony/chrony.conf", "include /etc/chrony/chrony.conf\nserver a.example.com\n");

        var found = SystemTimeSources.FromConfigFiles(_root.FullName);

        Assert.Equal(["a.example.com"], found.Select(s => s.Server));
    }
}
