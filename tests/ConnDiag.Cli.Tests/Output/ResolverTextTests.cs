using System.Net;
using ConnDiag.Cli.Output;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Cli.Tests.Output;

public class ResolverTextTests
{
    private static ResolverConfiguration Config(int hostsEntries) => new(
        ResolverPlatform.Windows, null,
        [new NameServerEntry(IPAddress.Parse("192.0.2.53"), null, "adapter Ethernet", null)], [],
        [new SearchDomain("corp.example", "adapter Ethernet", null)], ResolverOptions.Default,
        @"C:\Windows\System32\drivers\etc\hosts",
        Enumerable.Range(1, hostsEntries).Select(i => new HostsEntry(IPAddress.Parse($"10.0.0.{i}"), $"h{i}.example", [], "hosts", i)).ToList(),
        null, [], ResolvConfGenerator.Unknown, StubResolverKind.None, [], [], [], [], []);

    [Fact]
    public void A_large_hosts_file_is_shortened_and_says_where_the_rest_is()
    {
        var o = new StringWriter();
        ResolverText.Write(o, Config(ResolverText.MaxHostsShown + 5));
        var text = o.ToString();
        Assert.Contains($"h{ResolverText.MaxHostsShown}.example", text);
        Assert.DoesNotContain($"h{ResolverText.MaxHostsShown + 1}.example", text);
        Assert.Contains("... 5 more (--json lists every entry)", text);
        Assert.Contains("(25 entries)", text);
    }

    [Fact]
    public void Adapter_sources_have_no_line_number_and_windows_shows_no_resolv_conf_row()
    {
        var o = new StringWriter();
        ResolverText.Write(o, Config(1));
        var text = o.ToString();
        Assert.StartsWith("Resolver configuration (Windows)", text);
        Assert.DoesNotContain("resolv.conf", text);
        Assert.Contains("192.0.2.53", text);
        Assert.Contains("  adapter Ethernet\n", text.Replace("\r\n", "\n"));
        Assert.Contains("(1 entry)", text);
    }
}
