using System.Net;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class HostsFileParserTests
{
    private static readonly HostsFile File = HostsFileParser.Parse(SampleFiles.Hosts, "/etc/hosts");

    [Fact]
    public void Reads_addresses_canonical_names_and_aliases_with_their_lines()
    {
        var build = Assert.Single(File.Entries, e => e.CanonicalName == "build01.corp.example");
        Assert.Equal(IPAddress.Parse("127.0.1.1"), build.Address);
        Assert.Equal(["build01"], build.Aliases);
        Assert.Equal(2, build.Line);
        Assert.Equal("/etc/hosts", build.Source);

        var v6 = Assert.Single(File.Entries, e => e.Line == 5);
        Assert.Equal(IPAddress.IPv6Loopback, v6.Address);
        Assert.Equal("localhost", v6.CanonicalName);
        Assert.Equal(["ip6-localhost", "ip6-loopback"], v6.Aliases);
    }

    [Fact]
    public void A_comment_ends_the_line_and_Windows_line_endings_are_fine()
    {
        var api = Assert.Single(File.Entries, e => e.Line == 8);
        Assert.Equal(["api"], api.Aliases);
        var ads = Assert.Single(File.Entries, e => e.Line == 13);
        Assert.Equal("ads.example.net", ads.CanonicalName);
        Assert.Equal(IPAddress.Any, ads.Address);
    }

    [Fact]
    public void Invalid_lines_are_reported_with_their_line_not_dropped_silently()
    {
        Assert.Equal([9, 10, 11, 12], File.Warnings.Select(w => w.Line!.Value));
        Assert.Contains("'not-an-address'", File.Warnings[0].Message);
        Assert.Contains("has no host name", File.Warnings[1].Message);
        Assert.Contains("'127.1'", File.Warnings[2].Message);
        Assert.Contains("%zone", File.Warnings[3].Message);
        Assert.All(File.Warnings, w => Assert.Equal("/etc/hosts", w.Source));
        Assert.Equal(8, File.Entries.Count);
    }

    [Fact]
    public void Names_match_case_insensitively_by_canonical_name_or_alias()
    {
        var matches = File.Entries.Where(e => e.Matches("api.example.com")).Select(e => e.Line).ToList();
        Assert.Equal([8, 14], matches);
        Assert.Contains(File.Entries, e => e.Matches("API"));
        Assert.DoesNotContain(File.Entries, e => e.Matches("api.example.com."));
    }

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("01.2.3.4", false)]
    [InlineData("1.2.3", false)]
    [InlineData("0x7f.0.0.1", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("2001:db8::1%1", false)]
    [InlineData("[::1]", false)]
    public void Addresses_follow_inet_pton(string text, bool valid)
    {
        Assert.Equal(valid, HostsFileParser.ParseAddress(text) is not null);
    }
}
