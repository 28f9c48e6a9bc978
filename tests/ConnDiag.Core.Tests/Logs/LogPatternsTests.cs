using System.Net;
using System.Net.Sockets;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Logs;

namespace ConnDiag.Core.Tests.Logs;

/// <summary>Every row of the pattern table against the real messages in Fixtures/messages.tsv (see its header for how each was produced).</summary>
public class LogPatternsTests
{
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var p in LogPatterns.All) data.Add(p.Rule);
        return data;
    }

    public static TheoryData<string, string> Messages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (rule, line) in LogFixtures.Messages) data.Add(rule, line);
        return data;
    }

    public static TheoryData<string> Negatives()
    {
        var data = new TheoryData<string>();
        foreach (var line in LogFixtures.Negatives) data.Add(line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_row_has_real_messages_and_classifies_them(string rule)
    {
        var lines = LogFixtures.Messages.Where(m => m.Rule == rule).Select(m => m.Line).ToList();
        Assert.True(lines.Count > 0, $"messages.tsv has no line for the row '{rule}'");
        var row = LogPatterns.All.Single(p => p.Rule == rule);
        Assert.True(FindingCatalog.Contains(row.Code), $"{rule}: {row.Code} is not in the catalogue");
        foreach (var line in lines)
        {
            var match = LogPatterns.Match(line);
            Assert.True(match?.Rule == rule, $"'{line}' matched {match?.Rule ?? "nothing"}, expected {rule}");
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_fixture_line_names_a_row_that_exists(string rule, string line)
    {
        Assert.Contains(LogPatterns.All, p => p.Rule == rule);
        Assert.Equal(rule, LogPatterns.Match(line)?.Rule);
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Ordinary_lines_are_not_classified(string line) => Assert.Null(LogPatterns.Match(line));

    [Fact]
    public void Rows_are_unique_and_have_timeouts()
    {
        Assert.Equal(LogPatterns.All.Count, LogPatterns.All.Select(p => p.Rule).Distinct().Count());
        Assert.All(LogPatterns.All, p => Assert.Equal(LogPatterns.MatchTimeout, p.Regex.MatchTimeout));
    }

    [Fact]
    public void Key_codes_from_the_brief_map_as_documented()
    {
        Assert.Equal(FindingCodes.TcpRefused, Code("Error: connect ECONNREFUSED 127.0.0.1:1"));
        Assert.Equal(FindingCodes.TcpFiltered, Code("Error: connect ETIMEDOUT 198.18.0.9:443"));
        Assert.Equal(FindingCodes.TcpReset, Code("Error: read ECONNRESET"));
        Assert.Equal(FindingCodes.TlsChainIncomplete, Code("unable to get local issuer certificate"));
        Assert.Equal(FindingCodes.LocalPortInUse, Code("Error: listen EADDRINUSE: address already in use :::3000"));
        Assert.Equal(FindingCodes.LocalOutOfMemory, Code("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"));
    }

    private static string? Code(string line) => LogPatterns.Match(line)?.Code;

    // Live captures: the message is produced by the real tool during the test, not copied from a file.

    [LinuxFact("node")]
    public void Live_node_connect_to_a_closed_port_is_TCP_REFUSED()
    {
        var port = FreePort();
        var r = ProcessRunner.Run("node", ["-e", $"require('net').connect({port},'127.0.0.1').on('error',e=>{{console.error(e.stack.split('\\n')[0]);process.exit(1)}})"], check: false);
        Assert.Contains("ECONNREFUSED", r.StdErr);
        Assert.Equal(FindingCodes.TcpRefused, Code(r.StdErr.Trim()));
    }

    [LinuxFact("python3")]
    public void Live_python_bind_to_a_used_port_is_LOCAL_PORT_IN_USE()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        var r = ProcessRunner.Run("python3", ["-c", $"import socket;socket.socket().bind(('127.0.0.1',{port}))"], check: false);
        var last = r.StdErr.Trim().Split('\n')[^1];
        Assert.Equal("port-in-use", LogPatterns.Match(last)?.Rule);
        Assert.Equal(FindingCodes.LocalPortInUse, Code(last));
    }

    [LinuxFact("curl")]
    public void Live_curl_verbose_to_a_closed_port_is_TCP_REFUSED()
    {
        var port = FreePort();
        var r = ProcessRunner.Run("curl", ["-sS", "-v", "--max-time", "5", $"http://127.0.0.1:{port}/"], check: false);
        var line = r.StdErr.Split('\n').First(l => l.Contains("failed", StringComparison.Ordinal) || l.Contains("refused", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(FindingCodes.TcpRefused, Code(line));
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
