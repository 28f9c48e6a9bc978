using System.Net;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>The --json document of `conndiag tcp`, parsed back with System.Text.Json.</summary>
public class JsonOutputTests
{
    private static readonly string[] FindingFields = ["code", "layer", "severity", "summary", "evidence", "remedy"];

    [Fact]
    public async Task Tcp_json_is_one_array_of_results_with_outcome_fields_and_enum_strings()
    {
        using var open = new OpenPort();
        using var closed = new ClosedPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{open.Port}", $"127.0.0.1:{closed.Port}", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var byPort = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("port").GetInt32());

        var ok = byPort[open.Port];
        Assert.Equal("127.0.0.1", ok.GetProperty("targetName").GetString());
        Assert.Equal("Open", ok.GetProperty("status").GetString());
        Assert.True(ok.GetProperty("succeeded").GetBoolean());
        Assert.Equal("Open", ok.GetProperty("state").GetString());
        Assert.Equal("127.0.0.1", ok.GetProperty("remoteAddress").GetString());
        Assert.True(ok.GetProperty("connectMs").GetDouble() >= 0);
        Assert.Equal(0, ok.GetProperty("findings").GetArrayLength());
        var attempt = Assert.Single(ok.GetProperty("attempts").EnumerateArray());
        Assert.Equal("Open", attempt.GetProperty("state").GetString());
        Assert.Equal(IPAddress.Loopback, IPAddress.Parse(attempt.GetProperty("remoteAddress").GetString()!));
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("socketError").ValueKind);

        var bad = byPort[closed.Port];
        Assert.Equal("Failed", bad.GetProperty("status").GetString());
        Assert.False(bad.GetProperty("succeeded").GetBoolean());
        Assert.Equal("Closed", bad.GetProperty("state").GetString());
        Assert.Equal("ConnectionRefused", Assert.Single(bad.GetProperty("attempts").EnumerateArray()).GetProperty("socketError").GetString());
        var finding = bad.GetProperty("findings").EnumerateArray().First();
        foreach (var field in FindingFields)
        {
            Assert.Equal(JsonValueKind.String, finding.GetProperty(field).ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty(field).GetString()), field);
        }
        Assert.Equal("TCP.REFUSED", finding.GetProperty("code").GetString());
        Assert.Equal("Tcp", finding.GetProperty("layer").GetString());
        Assert.Equal("Error", finding.GetProperty("severity").GetString());
        Assert.Contains($"127.0.0.1:{closed.Port}", finding.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Every_finding_of_a_failed_sweep_has_all_six_fields()
    {
        using var closed = new ClosedPort();
        using var other = new ClosedPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{closed.Port}", $"127.0.0.1:{other.Port}", "--json");

        using var doc = JsonDocument.Parse(run.Stdout);
        var findings = doc.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()).ToList();
        Assert.True(findings.Count >= 2, run.ToString());
        Assert.All(findings, f => Assert.Equal(FindingFields, f.EnumerateObject().Select(p => p.Name)));
    }
}
