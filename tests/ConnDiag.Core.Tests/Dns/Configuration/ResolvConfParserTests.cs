using System.Net;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class ResolvConfParserTests
{
    private const string Path = "/etc/resolv.conf";

    [Fact]
    public void Uses_the_first_three_nameservers_and_reports_the_fourth_with_its_line()
    {
        var file = ResolvConfParser.Parse(SampleFiles.GlibcFourServers, Path);

        Assert.Equal(["192.0.2.1", "192.0.2.2", "2001:db8::53"], file.Servers.Select(s => s.Address.ToString()));
        Assert.Equal([4, 5, 6], file.Servers.Select(s => s.Line!.Value));
        Assert.All(file.Servers, s => Assert.Equal(Path, s.Source));
        var ignored = Assert.Single(file.IgnoredServers);
        Assert.Equal(IPAddress.Parse("192.0.2.4"), ignored.Address);
        Assert.Equal(7, ignored.Line);
        var warning = Assert.Single(file.Warnings, w => w.Line == 7);
        Assert.Contains("only the first 3", warning.Message);
    }

    [Fact]
    public void The_last_search_or_domain_line_wins_and_the_overridden_one_is_reported()
    {
        var file = ResolvConfParser.Parse(SampleFiles.GlibcFourServers, Path);
        Assert.Equal(["eng.corp.example", "corp.example"], file.SearchList.Select(d => d.Name));
        Assert.All(file.SearchList, d => Assert.Equal(8, d.Line));
        var overridden = Assert.Single(file.Warnings, w => w.Line == 3);
        Assert.Contains("overridden by the search line 8", overridden.Message);

        var reversed = ResolvConfParser.Parse("search a.example b.example\ndomain c.example ignored-word\n", Path);
        var only = Assert.Single(reversed.SearchList);
        Assert.Equal("c.example", only.Name);
        Assert.Equal(2, only.Line);
    }

    [Fact]
    public void Options_accumulate_over_lines()
    {
        var o = ResolvConfParser.Parse(SampleFiles.GlibcFourServers, Path).Options;
        Assert.Equal(2, o.Ndots);
        Assert.Equal(3, o.TimeoutSeconds);
        Assert.Equal(4, o.Attempts);
        Assert.True(o.Rotate);
        Assert.True(o.Edns0);
        Assert.False(o.UseVc);
        Assert.Equal(["ndots", "timeout", "attempts", "rotate", "edns0"], o.Entries.Select(e => e.Name));
        Assert.Equal([9, 9, 9, 9, 10], o.Entries.Select(e => e.Line!.Value));
    }

    [Fact]
    public void Without_options_the_glibc_defaults_apply()
    {
        var o = ResolvConfParser.Parse("nameserver 192.0.2.1\n", Path).Options;
        Assert.Equal((1, 5, 2), (o.Ndots, o.TimeoutSeconds, o.Attempts));
        Assert.Empty(o.Entries);
        Assert.Equal(ResolverOptions.Default with { Entries = o.Entries }, o);
    }

    [Fact]
    public void Option_values_are_capped_at_the_glibc_limits_with_a_warning()
    {
        var file = ResolvConfParser.Parse("options ndots:20 timeout:45 attempts:9\n", Path);
        Assert.Equal((15, 30, 5), (file.Options.Ndots, file.Options.TimeoutSeconds, file.Options.Attempts));
        Assert.Equal(3, file.Warnings.Count(w => w.Message.Contains("above glibc's limit", StringComparison.Ordinal) && w.Line == 1));
    }

    [Fact]
    public void Every_flag_glibc_knows_is_read_and_unknown_or_removed_ones_are_warned_about()
    {
        var file = ResolvConfParser.Parse("options rotate edns0 use-vc single-request-reopen trust-ad no-aaaa no_tld_query inet6 frobnicate:3\n", Path);
        var o = file.Options;
        Assert.True(o.Rotate && o.Edns0 && o.UseVc && o.SingleRequestReopen && o.TrustAd && o.NoAaaa && o.NoTldQuery);
        Assert.False(o.SingleRequest, "single-request-reopen must not also set single-request");
        Assert.Contains(file.Warnings, w => w.Message.Contains("'inet6'", StringComparison.Ordinal) && w.Message.Contains("removed", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Message.Contains("'frobnicate:3'", StringComparison.Ordinal) && w.Message.Contains("does not know", StringComparison.Ordinal));
        var unknown = Assert.Single(o.Entries, e => !e.Recognized && e.Name == "frobnicate");
        Assert.Equal("3", unknown.Value);

        Assert.True(ResolvConfParser.Parse("options single-request\n", Path).Options.SingleRequest);
    }

    [Theory]
    [InlineData("options ndots:abc", 0, "not a plain number")]
    [InlineData("options attempts:0", 0, "sends no query")]
    [InlineData("options timeout:0", 0, "waits 1 s")]
    [InlineData("options ndots:-3", 0, "negative")]
    public void Odd_option_values_are_read_like_atoi_and_explained(string line, int expected, string warning)
    {
        var file = ResolvConfParser.Parse(line + "\n", Path);
        var value = line.Contains("ndots") ? file.Options.Ndots : line.Contains("attempts") ? file.Options.Attempts : file.Options.TimeoutSeconds;
        Assert.Equal(expected, value);
        Assert.Contains(file.Warnings, w => w.Message.Contains(warning, StringComparison.Ordinal) && w.Line == 1);
    }

    [Fact]
    public void Comments_only_in_the_first_column_and_keywords_only_there_too()
    {
        var text = "# nameserver 192.0.2.50\n; nameserver 192.0.2.51\n  nameserver 192.0.2.52\nNameserver 192.0.2.53\nlookup file bind\nnameserver 192.0.2.54 # trailing text is ignored\nnameserver\n";
        var file = ResolvConfParser.Parse(text, Path);

        var server = Assert.Single(file.Servers);
        Assert.Equal(IPAddress.Parse("192.0.2.54"), server.Address);
        Assert.Equal(6, server.Line);
        Assert.Equal([1, 2], file.Comments.Select(c => c.Line));
        Assert.Contains(file.Warnings, w => w.Line == 3 && w.Message.Contains("starts with white space", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Line == 4 && w.Message.Contains("lower case", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Line == 5 && w.Message.Contains("unknown keyword 'lookup'", StringComparison.Ordinal));
        Assert.Contains(file.Warnings, w => w.Line == 7 && w.Message.Contains("without a value", StringComparison.Ordinal));
    }

    [Fact]
    public void IPv6_nameservers_keep_their_zone()
    {
        var file = ResolvConfParser.Parse("nameserver 2001:db8::1\nnameserver fe80::1%lo\nnameserver fe80::2%nosuchif0\n", Path);
        Assert.Equal(3, file.Servers.Count);
        Assert.Null(file.Servers[0].Zone);
        Assert.Equal("lo", file.Servers[1].Zone);
        Assert.Equal(IPAddress.Parse("fe80::1"), new IPAddress(file.Servers[1].Address.GetAddressBytes()));
        Assert.True(file.Servers[1].Address.ScopeId > 0, "the loopback interface exists, so its index is the scope id");
        Assert.Equal("nosuchif0", file.Servers[2].Zone);
        Assert.Equal("fe80::2%nosuchif0", file.Servers[2].ToString());
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("nameserver [2001:db8::1]")]
    [InlineData("nameserver dns.example.com")]
    [InlineData("nameserver 192.0.2.1:53")]
    [InlineData("nameserver 192.0.2.300")]
    public void Values_glibc_cannot_parse_are_reported_and_not_used(string line)
    {
        var file = ResolvConfParser.Parse(line + "\n", Path);
        Assert.Empty(file.Servers);
        var w = Assert.Single(file.Warnings);
        Assert.Equal(1, w.Line);
        Assert.Contains("is not an IP address", w.Message);
    }

    [Fact]
    public void Windows_line_endings_break_nameserver_lines_as_in_glibc_and_say_why()
    {
        var file = ResolvConfParser.Parse("nameserver 192.0.2.1\r\nsearch corp.example\r\n", Path);
        Assert.Empty(file.Servers);
        Assert.Contains(file.Warnings, w => w.Line == 1 && w.Message.Contains("carriage return", StringComparison.Ordinal) && w.Message.Contains("192.0.2.1\\r", StringComparison.Ordinal));
        Assert.Equal("corp.example\r", Assert.Single(file.SearchList).Name);
        Assert.Contains(file.Warnings, w => w.Line == 2 && w.Message.Contains("carriage return", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hash_on_a_search_line_is_a_domain_not_a_comment()
    {
        var file = ResolvConfParser.Parse("search a.example # b.example\n", Path);
        Assert.Equal(["a.example", "#", "b.example"], file.SearchList.Select(d => d.Name));
        Assert.Contains(file.Warnings, w => w.Message.Contains("no comments after a search list", StringComparison.Ordinal));
    }

    [Fact]
    public void LOCALDOMAIN_replaces_the_search_list_and_RES_OPTIONS_applies_last()
    {
        var context = new ResolvConfContext("env-a.example env-b.example", "ndots:3 rotate", "host.fromname.example");
        var file = ResolvConfParser.Parse("search file.example\noptions ndots:2\n", Path, context);

        Assert.Equal(["env-a.example", "env-b.example"], file.SearchList.Select(d => d.Name));
        Assert.All(file.SearchList, d => Assert.Equal("environment LOCALDOMAIN", d.Source));
        Assert.Equal(3, file.Options.Ndots);
        Assert.True(file.Options.Rotate);
        Assert.Equal("environment RES_OPTIONS", file.Options.Entries[^1].Source);
        Assert.Null(file.Options.Entries[^1].Line);
        Assert.Contains(file.Notes, n => n.Line == 1 && n.Message.Contains("LOCALDOMAIN", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_search_or_domain_the_host_names_domain_is_searched()
    {
        var file = ResolvConfParser.Parse("nameserver 192.0.2.1\n", Path, new ResolvConfContext(null, null, "build01.corp.example"));
        var d = Assert.Single(file.SearchList);
        Assert.Equal(("corp.example", "hostname", (int?)null), (d.Name, d.Source, d.Line));

        Assert.Empty(ResolvConfParser.Parse("nameserver 192.0.2.1\n", Path, new ResolvConfContext(null, null, "build01")).SearchList);
    }

    [Fact]
    public void Sortlist_is_noted_and_an_empty_file_has_nothing()
    {
        var file = ResolvConfParser.Parse("sortlist 130.155.160.0/255.255.240.0 130.155.0.0\n", Path);
        Assert.Contains(file.Notes, n => n.Line == 1 && n.Message.Contains("sortlist", StringComparison.Ordinal));

        var empty = ResolvConfParser.Parse("", Path);
        Assert.Empty(empty.Servers);
        Assert.Empty(empty.SearchList);
        Assert.Empty(empty.Warnings);
    }
}
