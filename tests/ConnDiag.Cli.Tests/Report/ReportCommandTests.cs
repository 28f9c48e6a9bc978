using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Endpoint;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Report;

/// <summary>
/// `conndiag report` as a whole process: `conndiag endpoint --json` output (real runs against the loopback Kestrel
/// servers) piped in, HTML and Markdown out, the overwrite refusal, and the refusals of bad input (exit 2, one line).
/// </summary>
public sealed class ReportCommandTests(EndpointServers servers) : IClassFixture<EndpointServers>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-cli-report-").FullName;
    private string? _endpointJson;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two real reports: the TLS server's /ok (passes) and /500 (fails at http with HTTP.SERVER_ERROR).</summary>
    private async Task<string> EndpointJsonAsync()
    {
        if (_endpointJson is not null) return _endpointJson;
        var run = await EndpointServers.RunAsync([
            servers.Tls.Url("api.test", "/ok").ToString(), servers.Tls.Url("api.test", "/500").ToString(),
            "--connect-to", "127.0.0.1", "--cacert", servers.Certificates.RootPemPath, "--json"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        return _endpointJson = run.Stdout;
    }

    private static Task<CliRun> Report(string? stdin, params string[] args) => Conndiag.RunAsync(["report", .. args], stdin);

    private static void AssertOneLineError(CliRun run, string expected) => BadInputTests.AssertOneLineError(run, expected);

    [Fact]
    public async Task Endpoint_json_piped_in_becomes_one_html_file_with_a_section_per_report()
    {
        var json = await EndpointJsonAsync();
        using var doc = JsonDocument.Parse(json);
        var stages = doc.RootElement.EnumerateArray().Sum(r => r.GetProperty("stages").GetArrayLength());
        var path = Path.Combine(_dir, "report.html");

        var run = await Report(json, "-o", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Matches($"^conndiag: wrote {Regex.Escape(path)} \\(\\d+ bytes\\)$", Assert.Single(run.StderrLines));
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<section class=\"report\"").Count);
        Assert.Equal(stages, Regex.Matches(html, "data-bar=\"stage\"").Count);
        Assert.Equal(10, Regex.Matches(html, "data-bar=\"phase\"").Count);
        Assert.Contains("data-code=\"HTTP.SERVER_ERROR\"", html);
        Assert.Contains("<tr class=\"certificate\">", html);
        // The same input on stdout is the same document: one code path, nothing but the document on stdout.
        var toStdout = await Report(json);
        Assert.True(toStdout.ExitCode == 0, toStdout.ToString());
        Assert.Equal(html, toStdout.Stdout);
    }

    [Fact]
    public async Task A_report_file_becomes_markdown_by_format_or_by_extension()
    {
        using var input = new TempFile(await EndpointJsonAsync(), ".json");
        var path = Path.Combine(_dir, "ticket.md");

        var stdout = await Report(null, input.Path, "--format", "markdown");
        var file = await Report(null, input.Path, "--output", path);

        Assert.True(stdout.ExitCode == 0, stdout.ToString());
        Assert.True(file.ExitCode == 0, file.ToString());
        Assert.Equal(stdout.Stdout, File.ReadAllText(path));
        var lines = stdout.StdoutLines;
        Assert.Equal("# ConnDiag report", lines[0]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("## https://api.test:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.EndsWith("/500 — Fail at http", StringComparison.Ordinal));
        Assert.Contains("#### `HTTP.SERVER_ERROR` (Error)", lines);
        Assert.Equal(2, lines.Count(l => l == "| Stage | Layer | Outcome | Time | Summary |"));
    }

    [Fact]
    public async Task An_existing_output_is_refused_without_force_and_left_unchanged()
    {
        var json = await EndpointJsonAsync();
        var path = Path.Combine(_dir, "existing.html");
        File.WriteAllText(path, "keep me");

        var refused = await Report(json, "-o", path);

        AssertOneLineError(refused, $"the file '{path}' already exists; pass --force to overwrite it");
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));

        var forced = await Report(json, "-o", path, "--force");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_json_exits_2_naming_the_line_and_column()
    {
        var fromStdin = await Report("[\n  {\"outcome\": \"Fail\",\n   \"stages\": [,]\n");
        using var file = new TempFile("{\"a\": tru}", ".json");
        var fromFile = await Report(null, file.Path);

        AssertOneLineError(fromStdin, "stdin:3:15: not valid JSON: ',' is an invalid start of a value");
        AssertOneLineError(fromFile, $"{file.Path}:1:10: not valid JSON: ");
    }

    [Fact]
    public async Task Another_commands_json_exits_2_naming_the_expected_shape()
    {
        using var closed = new ClosedPort();
        var tcp = await Conndiag.RunAsync("tcp", $"127.0.0.1:{closed.Port}", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        var path = Path.Combine(_dir, "tcp.html");

        var run = await Report(tcp.Stdout, "-o", path);

        AssertOneLineError(run, "stdin: the input is not a report (an object with 'targetName', 'port', 'status'");
        Assert.Contains("expected a ConnDiag report: an object with 'target', 'outcome', 'stages' and 'findings'", run.Stderr);
        Assert.False(File.Exists(path));
    }

    public static TheoryData<string[], string?, string> BadArguments => new()
    {
        { ["-o", "/tmp/conndiag-report.txt"], "{}", "cannot tell the report format from the file name 'conndiag-report.txt'" },
        { ["--format", "pdf"], "{}", "invalid --format 'pdf': html or markdown" },
        { ["/nonexistent/conndiag/report.json"], null, "the input file '/nonexistent/conndiag/report.json' does not exist" },
        { ["a.json", "b.json"], null, "takes one input FILE, got 'a.json' and 'b.json'" },
        { ["--force=yes"], "{}", "option '--force' takes no value" },
        { ["-o"], "{}", "option '-o' needs a value" },
        { ["--pdf"], "{}", "unknown option '--pdf' for 'conndiag report'" },
        { [], "", "stdin: the input is empty" },
        { [], "[]", "stdin: the input is an empty array" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string? stdin, string expected)
    {
        AssertOneLineError(await Report(stdin, args), expected);
    }

    [Fact]
    public async Task Input_over_the_size_cap_is_refused_without_reading_on()
    {
        var huge = "[" + new string(' ', 16 * 1024 * 1024) + "]";

        AssertOneLineError(await Report(huge), "stdin: the input is larger than 16 MiB");
    }

    [Theory]
    [InlineData("help", "report")]
    [InlineData("report", "--help")]
    public async Task Help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--output", "--format", "--force", "html", "markdown", "stdin", "Ctrl+C" }) Assert.Contains(option, run.Stdout);
    }
}
