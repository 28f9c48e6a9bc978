using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>`conndiag dns` as a whole process against a real dnsmasq: dig-like text, JSON, exit codes, bad input.</summary>
public sealed class DnsCommandTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private string At => "@" + fixture.Server.Udp.Text;

    [LinuxFact("dnsmasq")]
    public async Task An_answer_prints_like_dig_with_the_attempts()
    {
        var run = await Conndiag.RunAsync("dns", "alias2.claude.test", At);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"; conndiag dns alias2.claude.test. A @{fixture.Server.Udp.Text}", run.Stdout);
        Assert.Contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ", run.Stdout);
        Assert.Contains(";; flags: qr aa rd ra; QUERY: 1, ANSWER: 3, AUTHORITY: 0, ADDITIONAL: 1", run.Stdout);
        Assert.Contains("; EDNS: version: 0, flags:; udp: 1232", run.Stdout);
        Assert.Contains(";; ANSWER SECTION:\nalias2.claude.test.\t0\tIN\tCNAME\talias.claude.test.\nalias.claude.test.\t0\tIN\tCNAME\thost.claude.test.\nhost.claude.test.\t0\tIN\tA\t127.0.0.2\n", run.Stdout);
        Assert.Matches(@";;   #1 UDP 127\.0\.0\.1:\d+ id \d+: Answered NOERROR, 124 bytes, \d+\.\d ms", run.Stdout);
        Assert.Contains(";; MSG SIZE  rcvd: 124", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [LinuxFact("dnsmasq")]
    public async Task NXDOMAIN_exits_1_with_the_finding_and_its_remedy()
    {
        var run = await Conndiag.RunAsync("dns", "nope.local.test", At);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("status: NXDOMAIN", run.Stdout);
        Assert.Contains("  DNS.NXDOMAIN nope.local.test. does not exist", run.Stdout);
        Assert.Contains("    → Check the name for typos", run.Stdout);
    }

    [LinuxFact("dnsmasq")]
    public async Task NODATA_is_a_warning_and_exits_0()
    {
        var run = await Conndiag.RunAsync("dns", "v4only.local.test", "AAAA", At);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("DNS.NODATA", run.Stdout);
    }

    [LinuxFact("dnsmasq")]
    public async Task Several_servers_print_in_the_order_given_and_tcp_is_used_when_asked()
    {
        var run = await Conndiag.RunAsync("dns", "claude.test", "txt", At, "@tcp://" + fixture.Server.Udp.Text, "--tcp");

        Assert.True(run.ExitCode == 0, run.ToString());
        var first = run.Stdout.IndexOf($"@{fixture.Server.Udp.Text}\n", StringComparison.Ordinal);
        var second = run.Stdout.IndexOf($"@tcp://{fixture.Server.Udp.Text}\n", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, run.Stdout);
        Assert.DoesNotContain(" UDP ", run.Stdout);
        Assert.Equal(2, run.Stdout.Split("\"v=spf1 -all\" \"second string\"").Length - 1);
    }

    [LinuxFact("dnsmasq")]
    public async Task Json_is_one_array_of_answers_with_typed_records()
    {
        var run = await Conndiag.RunAsync("dns", "_https._tcp.claude.test", "SRV", At, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var answer = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal("NoError", answer.GetProperty("responseCode").GetString());
        Assert.Equal("NOERROR", answer.GetProperty("status").GetString());
        var srv = Assert.Single(answer.GetProperty("answers").EnumerateArray().ToList());
        Assert.Equal(8443, srv.GetProperty("port").GetInt32());
        Assert.Equal("host.claude.test.", srv.GetProperty("target").GetString());
        Assert.Equal("SRV", srv.GetProperty("type").GetString());
        Assert.Equal(2, answer.GetProperty("additionals").GetArrayLength());
        Assert.Equal("Answered", answer.GetProperty("attempts")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_silent_server_exits_1_with_DNS_TIMEOUT_after_the_retries()
    {
        using var silent = new HostileUdpResponder((_, _) => []);

        var run = await Conndiag.RunAsync("dns", "claude.test", "@" + silent.Server.Text, "--timeout", "0.3");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(";; no answer accepted (Timeout)", run.Stdout);
        Assert.Contains("#3 UDP", run.Stdout);
        Assert.Contains("DNS.TIMEOUT", run.Stdout);
        Assert.Equal(3, silent.Queries);
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["dns"], "dns: no name given" },
        { ["dns", "a..b", "@127.0.0.1"], "invalid name: 'a..b' has an empty label" },
        { ["dns", "claude.test", "BOGUS", "@127.0.0.1"], "unknown record type 'BOGUS'" },
        { ["dns", "claude.test", "A", "extra", "@127.0.0.1"], "unexpected argument 'extra'" },
        { ["dns", "claude.test", "@dns.google"], "invalid server 'dns.google': 'dns.google' is not an IP address" },
        { ["dns", "claude.test", "@127.0.0.1:99999"], "port '99999' is not a number in 1-65535" },
        { ["dns", "claude.test", "@http://127.0.0.1/dns-query"], "needs https://" },
        { ["dns", "claude.test", "--timeout", "0"], "invalid --timeout '0'" },
        { ["dns", "claude.test", "--tcp=yes"], "'--tcp=yes'" },
        { ["dns", "claude.test", "--frobnicate"], "unknown option '--frobnicate' for 'conndiag dns'" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_exits_2_with_one_line_naming_it(string[] args, string expected)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("conndiag: ", line);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("help", "dns")]
    [InlineData("dns", "--help")]
    public async Task Help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--tcp", "--no-recursion", "--dnssec", "--timeout", "--json", "@SERVER", "DNS.NO_SERVERS", "https://" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    [Fact]
    public async Task General_help_lists_the_dns_command()
    {
        var run = await Conndiag.RunAsync("--help");

        Assert.Contains("conndiag dns NAME [TYPE] [@SERVER...]", run.Stdout);
    }
}
