using System.Net;
using ConnDiag.Cli.Output;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Tests.Output;

public class PortOwnerTableTests
{
    private const string LongCommand = "/usr/bin/node /usr/lib/node_modules/@musistudio/claude-code-router/dist/cli.js start --config /etc/ccr/config.json";

    private static readonly PortOwner Node = new(TransportProtocol.Tcp, IPAddress.Loopback, 3456, IPAddress.Any, 0, SocketState.Listen,
        4242, "node", LongCommand, "ops", BindScope.Loopback, true, null, 1);

    private static readonly PortOwner Hidden = new(TransportProtocol.Udp, IPAddress.IPv6Any, 53, IPAddress.IPv6Any, 0, SocketState.Listen,
        null, null, null, null, BindScope.AllInterfaces, false, true, 2);

    private static string[] Render(int width, params PortOwner[] owners)
    {
        var w = new StringWriter { NewLine = "\n" };
        PortOwnerTable.Write(w, owners, width);
        return w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void A_wide_line_gets_a_COMMAND_column_cut_at_the_width()
    {
        var lines = Render(120, Node, Hidden);

        Assert.Matches(@"^PROTO\s+LOCAL\s+REMOTE\s+STATE\s+PID\s+PROCESS\s+USER\s+SCOPE\s+COMMAND$", lines[0]);
        Assert.Matches(@"^TCP\s+127\.0\.0\.1:3456\s+\*\s+Listen\s+4242\s+node\s+ops\s+Loopback\s+/usr/bin/node .*…$", lines[1]);
        Assert.Equal(120, lines[1].Length);
        Assert.Matches(@"^UDP\s+\[::\]:53\s+\*\s+Listen\s+-\s+\(hidden\)\s+-\s+AllInterfaces$", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void A_narrow_line_puts_the_command_under_its_row_within_the_width()
    {
        var lines = Render(80, Node, Hidden);

        Assert.DoesNotContain("COMMAND", lines[0]);
        Assert.StartsWith("TCP ", lines[1]);
        Assert.StartsWith("    /usr/bin/node ", lines[2]);
        Assert.EndsWith("…", lines[2]);
        Assert.StartsWith("UDP ", lines[3]);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
    }
}
