using System.Net;
using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Tests.Output;

public class OutputTests
{
    [Theory]
    [InlineData("abcdef", 10, "abcdef")]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("abcdef", 1, "…")]
    [InlineData("abcdef", 0, "")]
    public void Truncate_marks_the_cut(string text, int max, string expected)
    {
        Assert.Equal(expected, TableWriter.Truncate(text, max));
    }

    [Fact]
    public void Columns_fit_the_widest_cell_and_numbers_align_right()
    {
        var columns = TableWriter.Fit(["A", "PID"], [["xyz", "7"], ["q", "12345"]], alignRight: new HashSet<int> { 1 });
        var table = new TableWriter(TextWriter.Null, columns);

        Assert.Equal("A      PID", table.Format(["A", "PID"]));
        Assert.Equal("xyz      7", table.Format(["xyz", "7"]));
        Assert.Equal("q    12345", table.Format(["q", "12345"]));
    }

    [Fact]
    public void Findings_print_code_summary_and_remedy_on_their_own_lines_even_if_the_text_had_breaks()
    {
        var f = FindingCatalog.Create(FindingCodes.TcpRefused, "a\nb refused.", "e");
        var w = new StringWriter { NewLine = "\n" };

        FindingText.Write(w, [f]);

        Assert.Equal($"  TCP.REFUSED a b refused.\n    → {f.Remedy}\n", w.ToString());
    }

    [Fact]
    public void Json_writes_addresses_as_strings_enums_as_names_and_ipv6Only_in_plain_camelCase()
    {
        var owner = new PortOwner(TransportProtocol.Udp, IPAddress.IPv6Any, 53, IPAddress.IPv6Any, 0, SocketState.Listen,
            null, null, null, null, BindScope.AllInterfaces, false, true, 0);

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(owner, JsonOutput.Options));
        var root = doc.RootElement;

        Assert.Equal("::", root.GetProperty("localAddress").GetString());
        Assert.Equal("Udp", root.GetProperty("protocol").GetString());
        Assert.Equal("AllInterfaces", root.GetProperty("bindScope").GetString());
        Assert.True(root.GetProperty("ipv6Only").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("id").ValueKind);
    }

    [Fact]
    public void Json_array_is_complete_when_empty_and_when_filled()
    {
        var empty = new StringWriter();
        var w = new JsonArrayWriter<Finding>(empty);
        w.Begin();
        w.End();

        var filled = new StringWriter();
        var f = new JsonArrayWriter<Finding>(filled);
        f.Begin();
        f.Write(FindingCatalog.Create(FindingCodes.TcpFiltered, "s", "e"));
        f.Write(FindingCatalog.Create(FindingCodes.TcpRefused, "s", "e"));
        f.End();

        Assert.Equal(0, JsonDocument.Parse(empty.ToString()).RootElement.GetArrayLength());
        using var doc = JsonDocument.Parse(filled.ToString());
        Assert.Equal(["TCP.FILTERED", "TCP.REFUSED"], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()));
        Assert.Contains("\n  {\n    \"code\"", filled.ToString());
    }
}
