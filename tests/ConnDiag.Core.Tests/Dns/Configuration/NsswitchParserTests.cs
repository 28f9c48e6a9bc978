using ConnDiag.Dns.Configuration;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class NsswitchParserTests
{
    private const string Path = "/etc/nsswitch.conf";

    private static string Order(NsswitchHosts n) => string.Join(' ', n.Order.Select(s => s.ToString()));

    [Fact]
    public void Debian_default_reads_files_before_dns()
    {
        var text = "# /etc/nsswitch.conf\n\npasswd:         files systemd\ngroup:          files systemd\n\nhosts:          files dns\nnetworks:       files\n";
        var n = NsswitchParser.Parse(text, Path);
        Assert.Equal("files dns", Order(n));
        Assert.All(n.Order, s => Assert.Equal((Path, (int?)6), (s.Source, s.Line)));
        Assert.Contains(n.Notes, x => x.Message.Contains("hosts file is read before DNS", StringComparison.Ordinal));
        Assert.Empty(n.Warnings);
    }

    [Fact]
    public void Ubuntu_desktop_with_mdns_and_actions()
    {
        var n = NsswitchParser.Parse("hosts:          files mdns4_minimal [NOTFOUND=return] dns myhostname\n", Path);
        Assert.Equal(["files", "mdns4_minimal", "dns", "myhostname"], n.Order.Select(s => s.Service));
        Assert.Equal(["NOTFOUND=return"], n.Order[1].Actions);
        Assert.Contains(n.Notes, x => x.Message.Contains(".local", StringComparison.Ordinal));
        Assert.Contains(n.Notes, x => x.Message.StartsWith("myhostname", StringComparison.Ordinal));
    }

    [Fact]
    public void Systemd_resolved_order_with_a_negated_status_and_several_items()
    {
        var n = NsswitchParser.Parse("hosts: mymachines resolve [!UNAVAIL=return TRYAGAIN=continue] files myhostname dns\n", Path);
        Assert.Equal(["!UNAVAIL=return", "TRYAGAIN=continue"], n.Order[1].Actions);
        Assert.Contains(n.Notes, x => x.Message.Contains("systemd-resolved runs", StringComparison.Ordinal));
        Assert.Contains(n.Notes, x => x.Message.Contains("DNS is asked before the hosts file", StringComparison.Ordinal));
        Assert.Empty(n.Warnings);
    }

    [Fact]
    public void Without_a_hosts_line_or_file_glibc_asks_dns_first()
    {
        var n = NsswitchParser.Parse("passwd: files\n", Path);
        Assert.Equal("dns [!UNAVAIL=return] files", Order(n));
        Assert.Null(n.Order[0].Line);
        Assert.Contains("glibc default", n.Order[0].Source, StringComparison.Ordinal);

        var missing = NsswitchParser.Missing("/nonexistent/nsswitch.conf");
        Assert.Equal("dns [!UNAVAIL=return] files", Order(missing));
        Assert.Contains("does not exist", Assert.Single(missing.Notes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_hosts_line_wins_comments_and_indentation_are_handled()
    {
        var n = NsswitchParser.Parse("hosts: dns files\n   hosts   files dns # local first\n", Path);
        Assert.Equal("files dns", Order(n));
        Assert.Equal(2, n.Order[0].Line);
        Assert.Contains(n.Warnings, w => w.Line == 2 && w.Message.Contains("replaces the one on line 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_action_items_are_warned_about()
    {
        var n = NsswitchParser.Parse("hosts: files [BOGUS=return] dns\n", Path);
        Assert.Equal(["files", "dns"], n.Order.Select(s => s.Service));
        Assert.Contains(n.Warnings, w => w.Message.Contains("'BOGUS=return'", StringComparison.Ordinal));
    }
}
