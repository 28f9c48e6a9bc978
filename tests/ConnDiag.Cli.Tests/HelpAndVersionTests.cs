using System.Diagnostics;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

public class HelpAndVersionTests
{
    [Fact]
    public async Task Help_lists_the_commands_and_exit_codes()
    {
        var run = await Conndiag.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("conndiag tcp TARGET...", run.Stdout);
        Assert.Contains("conndiag port-owner [PORT...]", run.Stdout);
        Assert.Contains("conndiag clock [options]", run.Stdout);
        Assert.Contains("130", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("help", "tcp")]
    [InlineData("tcp", "--help")]
    [InlineData("tcp", "-h")]
    public async Task Tcp_help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--port", "--timeout", "--throttle", "--ipv4", "--ipv6", "--file", "--json", "Ctrl+C" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    [Theory]
    [InlineData("help", "port-owner")]
    [InlineData("port-owner", "--help")]
    public async Task Port_owner_help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--tcp", "--udp", "--all", "--json", "LOCAL.NOT_LISTENING" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    [Fact]
    public async Task Version_is_the_assembly_informational_version()
    {
        var expected = FileVersionInfo.GetVersionInfo(Conndiag.DllPath).ProductVersion;

        var run = await Conndiag.RunAsync("--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal($"conndiag {expected}", run.Stdout.TrimEnd());
    }
}
