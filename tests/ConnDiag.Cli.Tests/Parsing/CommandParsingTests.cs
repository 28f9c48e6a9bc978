using ConnDiag.Cli.Commands;
using ConnDiag.Cli.Parsing;
using ConnDiag.Dns;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Tests.Parsing;

public class CommandParsingTests
{
    [Fact]
    public void Tcp_defaults_are_2_seconds_throttle_64_every_family_table_output()
    {
        var a = TcpCommand.Parse(["h:1"]);

        Assert.Equal(TimeSpan.FromSeconds(2), a.Timeout);
        Assert.Equal(64, a.Throttle);
        Assert.Equal(AddressFamilyFilter.Any, a.Family);
        Assert.False(a.Json);
        Assert.Equal([new TargetSource.Text("h:1")], a.Sources);
    }

    [Fact]
    public void Tcp_options_in_any_order_and_sources_in_command_line_order()
    {
        var a = TcpCommand.Parse(["-p", "80,443", "a", "--file", "list.txt", "-", "--port=22", "--timeout", "0.25", "--throttle", "10000", "-6", "--json"]);

        Assert.Equal([80, 443, 22], a.Ports);
        Assert.Equal([new TargetSource.Text("a"), new TargetSource.File("list.txt"), new TargetSource.Stdin()], a.Sources);
        Assert.Equal(TimeSpan.FromMilliseconds(250), a.Timeout);
        Assert.Equal(10000, a.Throttle);
        Assert.Equal(AddressFamilyFilter.IPv6, a.Family);
        Assert.True(a.Json);
    }

    [Theory]
    [InlineData("--timeout", "abc", "invalid --timeout 'abc'")]
    [InlineData("--timeout", "-1", "invalid --timeout '-1'")]
    [InlineData("--timeout", "1e3", "invalid --timeout '1e3'")]
    [InlineData("--throttle", "0", "invalid --throttle '0'")]
    [InlineData("--throttle", "+5", "invalid --throttle '+5'")]
    [InlineData("--port", "80,", "empty port in the list")]
    [InlineData("-p", "", "invalid -p ''")]
    [InlineData("--file", "", "invalid --file ''")]
    public void Tcp_bad_option_values_name_the_option_and_value(string option, string value, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => TcpCommand.Parse([option, value, "h:1"]));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Port_owner_takes_ports_and_comma_lists_once_each()
    {
        var a = PortOwnerCommand.Parse(["80,443", "80", "--udp", "--all"]);

        Assert.Equal([80, 443], a.Ports);
        Assert.Equal(TransportProtocol.Udp, a.Protocol);
        Assert.Equal(PortStateFilter.All, a.State);
    }

    [Fact]
    public void Port_owner_without_arguments_asks_for_every_listener_of_both_protocols()
    {
        var a = PortOwnerCommand.Parse([]);

        Assert.Empty(a.Ports);
        Assert.Null(a.Protocol);
        Assert.Equal(PortStateFilter.Listen, a.State);
    }
}
