using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;

namespace ConnDiag.Cli.Tests.Firewall;

/// <summary>`conndiag firewall` and the diagnosis naming the local rule, run as a whole process inside a test namespace.</summary>
public sealed class FirewallCommandTests(FirewallNamespace fixture) : IClassFixture<FirewallNamespace>
{
    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task Firewall_lists_the_rule_for_a_port_with_its_handle_and_text()
    {
        var run = await Conndiag.RunAsync("firewall", "--netns", fixture.Ns.Name, "--port", "3456", "--protocol", "tcp", "--direction", "in");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("BACKEND  TABLE", run.StdoutLines[0], StringComparison.Ordinal);
        var row = Assert.Single(run.StdoutLines, l => l.StartsWith("nft ", StringComparison.Ordinal));
        Assert.Matches(@"^nft\s+inet cdcli\s+input\s+input\s+0\s+drop\s+tcp\s+dport 3456\s+\d+$", row);
        Assert.Contains("tcp dport 3456 counter packets", run.Stdout, StringComparison.Ordinal);
        // Not the other ports' rules; the iptables table is merged, not listed twice.
        Assert.DoesNotContain("3457", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: Table ip filter is managed by iptables-nft", run.Stderr, StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task Firewall_json_is_one_object_in_the_documented_shape()
    {
        var run = await Conndiag.RunAsync("firewall", "--netns", fixture.Ns.Name, "--port", "3458", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        var rule = Assert.Single(root.GetProperty("rules").EnumerateArray(), r => r.GetProperty("ports").GetArrayLength() > 0);
        Assert.Equal("Iptables", rule.GetProperty("backend").GetString());
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 3458 -j REJECT --reject-with tcp-reset", rule.GetProperty("ruleText").GetString());
        Assert.Equal("Reject", rule.GetProperty("verdict").GetString());
        Assert.Equal("tcp-reset", rule.GetProperty("rejectType").GetString());

        JsonDocumentationTests.AssertSameNames("Firewall read result", JsonDocumentationTests.Names(root));
        JsonDocumentationTests.AssertSameNames("Firewall rule", root.GetProperty("rules").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        JsonDocumentationTests.AssertSameNames("Port match", rule.GetProperty("ports").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        JsonDocumentationTests.AssertSameNames("Port range", rule.GetProperty("ports")[0].GetProperty("ranges").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task Endpoint_inside_the_namespace_names_the_drop_rule_behind_a_timeout()
    {
        var run = await fixture.RunInsideAsync("endpoint", $"127.0.0.1:{FirewallNamespace.DropPort}", "--timeout", "1", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var findings = doc.RootElement.EnumerateArray().Single().GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == FindingCodes.TcpFiltered);
        var rule = Assert.Single(findings, f => f.GetProperty("code").GetString() == FindingCodes.LocalFirewallRule);
        Assert.Matches(@"^nftables rule inet cdcli input handle \d+ drops TCP port 3456 to 127\.0\.0\.1:3456: tcp dport 3456 counter packets \d+ bytes \d+ drop$",
            rule.GetProperty("summary").GetString());
        Assert.Contains("`nft delete rule inet cdcli input handle", rule.GetProperty("remedy").GetString(), StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft", "iptables", "socat")]
    public async Task Tcp_inside_the_namespace_names_the_reject_rules_behind_admin_prohibited_and_a_reset()
    {
        var run = await fixture.RunInsideAsync("tcp", $"127.0.0.1:{FirewallNamespace.RejectPort}", $"127.0.0.1:{FirewallNamespace.ResetPort}", "--timeout", "3", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var byPort = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("port").GetInt32(), r => r.GetProperty("findings").EnumerateArray().ToList());

        var prohibited = byPort[FirewallNamespace.RejectPort];
        Assert.Contains(prohibited, f => f.GetProperty("code").GetString() == FindingCodes.TcpAdminProhibited);
        Assert.Contains(prohibited, f => f.GetProperty("code").GetString() == FindingCodes.LocalFirewallRule
            && f.GetProperty("summary").GetString()!.Contains("rejects (icmpx admin-prohibited) TCP port 3457", StringComparison.Ordinal));

        var reset = byPort[FirewallNamespace.ResetPort];
        Assert.Contains(reset, f => f.GetProperty("code").GetString() == FindingCodes.TcpRefused);
        var rule = Assert.Single(reset, f => f.GetProperty("code").GetString() == FindingCodes.LocalFirewallRule);
        Assert.Contains("iptables rule ip filter INPUT rejects (tcp-reset) TCP port 3458", rule.GetProperty("summary").GetString(), StringComparison.Ordinal);
        // socat listens there, so the refusal is not blamed on an empty port.
        Assert.DoesNotContain(reset, f => f.GetProperty("code").GetString() == FindingCodes.LocalNotListening);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Without_nft_on_PATH_the_message_names_the_package_and_the_exit_code_is_1()
    {
        var empty = Directory.CreateTempSubdirectory("conndiag-nopath-");
        try
        {
            var run = await Conndiag.RunAsync(["firewall", "--port", "3456"], stdin: null,
                environment: new Dictionary<string, string?> { ["PATH"] = empty.FullName });

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal("", run.Stdout);
            Assert.Contains("conndiag: nft is not installed (or not on PATH): install the nftables package", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("conndiag: note: iptables-save is not installed", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }
}
