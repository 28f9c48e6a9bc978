using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Endpoint;

/// <summary>`conndiag endpoint` as a whole process against real loopback servers: exit codes, text and JSON.</summary>
public sealed class EndpointCommandTests(EndpointServers servers) : IClassFixture<EndpointServers>
{
    [Fact]
    public async Task A_200_endpoint_passes_with_one_line_per_stage()
    {
        var path = $"/ok?test={Guid.NewGuid():N}";
        var url = servers.Plain.Url(path).ToString();

        var run = await EndpointServers.RunAsync([url]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        var lines = run.StdoutLines;
        Assert.StartsWith($"{url}  Pass  ", lines[0]);
        Assert.EndsWith(" ms", lines[0]);
        Assert.Equal(["config", "dns", "tcp", "proxy", "tls", "http"], lines.Skip(1).Take(6).Select(l => l.Trim().Split(' ')[0]));
        Assert.Matches(@"^  http\s+Pass\s+\d+\.\d ms  GET .* answered 200", lines[6]);
        Assert.Equal(1, servers.Plain.Received.Count(r => r.Path == path));
    }

    [Theory]
    [InlineData("/500", "HTTP.SERVER_ERROR")]
    [InlineData("/404", "HTTP.NOT_FOUND")]
    public async Task An_error_status_fails_at_http_with_its_code_in_text_and_json(string path, string code)
    {
        var url = servers.Plain.Url(path).ToString();

        var text = await EndpointServers.RunAsync([url]);
        var json = await EndpointServers.RunAsync([url, "--json"]);

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.StartsWith($"{url}  Fail at http  ", text.StdoutLines[0]);
        Assert.Matches($@"^  http\s+Fail\s+\d+\.\d ms  {System.Text.RegularExpressions.Regex.Escape(code)}  ", text.StdoutLines[6]);
        Assert.Contains(text.StdoutLines, l => l.StartsWith($"  {code} (Error) ", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("    evidence: ", StringComparison.Ordinal));
        Assert.Contains(text.StdoutLines, l => l.StartsWith("    → ", StringComparison.Ordinal));

        Assert.True(json.ExitCode == 1, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var report = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal("Fail", report.GetProperty("outcome").GetString());
        Assert.Equal("http", report.GetProperty("failedStage").GetString());
        Assert.Equal(url, report.GetProperty("url").GetString());
        Assert.Equal(code, report.GetProperty("findings")[0].GetProperty("code").GetString());
        var http = Stage(report, "http");
        Assert.Equal(int.Parse(path[1..], System.Globalization.CultureInfo.InvariantCulture), http.GetProperty("evidence").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_refused_port_fails_at_tcp_and_skips_the_later_stages()
    {
        using var closed = new ClosedPort();

        var run = await EndpointServers.RunAsync([$"http://127.0.0.1:{closed.Port}/", "--json"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = doc.RootElement[0];
        Assert.Equal("tcp", report.GetProperty("failedStage").GetString());
        Assert.Equal("TCP.REFUSED", Stage(report, "tcp").GetProperty("findings")[0].GetProperty("code").GetString());
        foreach (var later in new[] { "proxy", "tls", "http" })
        {
            var stage = Stage(report, later);
            Assert.Equal("Skipped", stage.GetProperty("outcome").GetString());
            Assert.Contains("the tcp stage failed", stage.GetProperty("summary").GetString());
        }
    }

    [Fact]
    public async Task A_host_port_service_target_is_checked_up_to_tcp_without_a_request()
    {
        using var open = new OpenPort();

        var run = await EndpointServers.RunAsync([$"127.0.0.1:{open.Port}", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = doc.RootElement[0];
        Assert.Equal(JsonValueKind.Null, report.GetProperty("url").ValueKind);
        Assert.Equal(open.Port, report.GetProperty("target").GetProperty("port").GetInt32());
        Assert.Equal("Pass", Stage(report, "tcp").GetProperty("outcome").GetString());
        Assert.Equal("Skipped", Stage(report, "http").GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, Stage(report, "http").GetProperty("evidence").ValueKind);
    }

    [Fact]
    public async Task Several_targets_with_a_throttle_give_one_report_each()
    {
        using var closed = new ClosedPort();
        string[] urls = [servers.Plain.Url("/ok").ToString(), servers.Plain.Url("/404").ToString(), $"http://127.0.0.1:{closed.Port}/", servers.Plain.Url("/ok?second=1").ToString()];

        var run = await EndpointServers.RunAsync([.. urls, "--throttle", "2", "--json"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var reports = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("url").GetString()!, r => r.GetProperty("outcome").GetString());
        Assert.Equal(urls.Order(), reports.Keys.Order());
        Assert.Equal("Pass", reports[urls[0]]);
        Assert.Equal("Fail", reports[urls[1]]);
        Assert.Equal("Fail", reports[urls[2]]);
    }

    [Fact]
    public async Task Targets_come_from_a_file_and_stdin_like_the_other_commands()
    {
        using var file = new TempFile($"# endpoints\n{servers.Plain.Url("/ok")}\n\n");

        var run = await EndpointServers.RunAsync(["--file", file.Path, "-"], stdin: $"{servers.Plain.Url("/ok?stdin=1")}\n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(2 == run.StdoutLines.Count(l => l.Contains("  Pass  ", StringComparison.Ordinal) && !l.StartsWith(' ')), run.ToString());
    }

    [Fact]
    public async Task An_unexpected_status_is_an_error_when_another_is_expected()
    {
        var run = await EndpointServers.RunAsync([servers.Plain.Url("/ok").ToString(), "--expect-status", "201,204", "--json"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("HTTP.UNEXPECTED_STATUS", doc.RootElement[0].GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Https_pinned_with_connect_to_and_a_ca_bundle_succeeds_with_the_chain_and_phases_in_json()
    {
        var url = servers.Tls.Url("api.test", "/ok").ToString();

        var run = await EndpointServers.RunAsync([url, "--connect-to", "127.0.0.1", "--cacert", servers.Certificates.RootPemPath, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = doc.RootElement[0];
        // The fixture's leaf lives 10 days: TLS.EXPIRES_SOON is the only finding, a warning, so the exit code stays 0.
        Assert.True(report.GetProperty("outcome").GetString() == "Warn", run.Stdout);
        Assert.Equal(["TLS.EXPIRES_SOON"], report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("Pass", Stage(report, "http").GetProperty("outcome").GetString());
        // The TLS stage's evidence is the tls command's chain report: certificates as facts, not raw X509 objects.
        var leaf = Stage(report, "tls").GetProperty("evidence").GetProperty("sentChain")[0];
        Assert.Equal("CN=localhost", leaf.GetProperty("subject").GetString());
        Assert.False(leaf.TryGetProperty("rawData", out _), leaf.ToString());
        var exchange = Stage(report, "http").GetProperty("evidence").GetProperty("attempts")[0].GetProperty("exchanges")[0];
        var phases = exchange.GetProperty("phases");
        Assert.Equal(0, phases.GetProperty("dnsMs").GetDouble());
        foreach (var phase in new[] { "connectMs", "tlsMs", "ttfbMs", "transferMs", "totalMs" })
        {
            Assert.True(phases.GetProperty(phase).GetDouble() >= 0, phase);
        }
        Assert.True(phases.GetProperty("tlsMs").GetDouble() > 0, "an https exchange has a TLS handshake");
        Assert.Equal("api.test", exchange.GetProperty("tls").GetProperty("serverName").GetString());
    }

    [Fact]
    public async Task Help_and_the_command_list_name_endpoint()
    {
        var help = await Conndiag.RunAsync("help", "endpoint");
        var general = await Conndiag.RunAsync("--help");
        var unknown = await Conndiag.RunAsync("frobnicate");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--token-env VAR", help.Stdout);
        Assert.Contains("never taken as arguments", help.Stdout);
        Assert.Contains("conndiag endpoint TARGET...", general.Stdout);
        Assert.Contains(", endpoint", unknown.Stderr);
    }

    internal static JsonElement Stage(JsonElement report, string name) =>
        report.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);
}
