using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Firewall;

/// <summary>Bad `conndiag firewall` input: one line naming the token, exit 2, nothing run.</summary>
public sealed class FirewallBadInputTests
{
    [Theory]
    [InlineData("invalid --port '0': expected a port number in 1-65535", "--port", "0")]
    [InlineData("invalid --protocol 'icmp': expected tcp or udp", "--protocol", "icmp")]
    [InlineData("invalid --direction 'sideways': expected in, out or forward", "--direction", "sideways")]
    [InlineData("invalid --backend 'pf': expected nftables or iptables", "--backend", "pf")]
    [InlineData("--netns: '../etc' is not a network namespace name", "--netns", "../etc")]
    [InlineData("unexpected argument '3456' for 'conndiag firewall'", "3456")]
    [InlineData("unknown option '--tcp' for 'conndiag firewall'", "--tcp")]
    [InlineData("option '--port' needs a value", "--port")]
    public async Task Bad_input_is_one_line_and_exit_code_2(string expected, params string[] args)
    {
        var run = await Conndiag.RunAsync(["firewall", .. args], stdin: null);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("conndiag: " + expected, line, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("help", "firewall")]
    [InlineData("firewall", "--help")]
    public async Task Help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--port", "--protocol", "--direction", "--netns", "--backend", "--json", "CAP_NET_ADMIN" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }
}
