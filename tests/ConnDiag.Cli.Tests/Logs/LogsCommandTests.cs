using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Logs;

namespace ConnDiag.Cli.Tests.Logs;

/// <summary>`conndiag logs` as a whole process over files the test writes and over stdin.</summary>
public sealed class LogsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-cli-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    // Lines as nginx 1.22 wrote them for proxy_pass to a closed port and to a backend slower than proxy_read_timeout.
    private const string NginxRefused = "2026/11/22 06:32:30 [error] 25853#25853: *1 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: \"GET /refused HTTP/1.1\", upstream: \"http://127.0.0.1:38337/refused\", host: \"127.0.0.1:48080\"";
    private const string NginxSlow = "2026/11/22 06:32:31 [error] 25853#25853: *5 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: , request: \"GET /slow HTTP/1.1\", upstream: \"http://127.0.0.1:48082/slow\", host: \"127.0.0.1:48080\"";

    [Fact]
    public async Task A_file_with_an_Error_line_exits_1_and_prints_the_finding_and_its_remedy()
    {
        var path = Write("error.log", "2026/11/22 06:32:29 [notice] 1#1: start worker processes", NginxRefused);

        var run = await Conndiag.RunAsync("logs", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"{path}:2: TCP.REFUSED 2026-11-22 06:32:30 2026/11/22", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("TCP.REFUSED: Nothing accepts connections", StringComparison.Ordinal));
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Clean_logs_and_warnings_only_exit_0()
    {
        var clean = await Conndiag.RunAsync("logs", Write("clean.log", "all good"));
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Equal("no connection errors found", clean.StdoutLines.Single());

        var warning = await Conndiag.RunAsync("logs", Write("429.log", "urllib.error.HTTPError: HTTP Error 429: Too Many Requests"));
        Assert.True(warning.ExitCode == 0, warning.ToString());
        Assert.Contains("HTTP.RATE_LIMITED", warning.Stdout);
    }

    [Fact]
    public async Task Stdin_is_read_without_a_path_and_with_dash()
    {
        var input = "ok\nError: connect ECONNREFUSED 127.0.0.1:5432\n";
        var bare = await Conndiag.RunAsync(["logs", "--json"], input);
        var dash = await Conndiag.RunAsync(["logs", "-", "--json"], input);
        foreach (var run in new[] { bare, dash })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            var f = Assert.Single(doc.RootElement.EnumerateArray().ToList());
            Assert.Equal("-", f.GetProperty("source").GetString());
            Assert.Equal(2, f.GetProperty("lineNumber").GetInt32());
            Assert.Equal("connection-refused", f.GetProperty("rule").GetString());
        }
    }

    [Fact]
    public async Task Wildcards_cover_rotated_gz_files_and_tail_and_since_narrow_the_input()
    {
        var gz = Path.Combine(_dir, "app.log.1.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes("2026-11-22T05:00:00Z Error: read ECONNRESET\n"));
        }
        File.SetLastWriteTimeUtc(gz, DateTime.UtcNow.AddDays(-1));
        Write("app.log", "2026-11-22T06:00:00Z Error: connect ECONNREFUSED 127.0.0.1:1", "2026-11-22T06:10:00Z Error: getaddrinfo ENOTFOUND db");

        var all = await Conndiag.RunAsync("logs", Path.Combine(_dir, "app.log*"), "--json");
        Assert.True(all.ExitCode == 1, all.ToString());
        Assert.Equal(["TCP.RESET", "TCP.REFUSED", "DNS.NXDOMAIN"], Codes(all.Stdout));

        var tail = await Conndiag.RunAsync("logs", Path.Combine(_dir, "app.log"), "--tail", "1", "--json");
        Assert.Equal(["DNS.NXDOMAIN"], Codes(tail.Stdout));

        var since = await Conndiag.RunAsync("logs", Path.Combine(_dir, "app.log*"), "--since", "2026-11-22T06:05:00Z", "--json");
        Assert.Equal(["DNS.NXDOMAIN"], Codes(since.Stdout));
    }

    [Fact]
    public async Task Summary_counts_per_code()
    {
        var path = Write("error.log", NginxRefused, NginxSlow, NginxRefused.Replace("06:32:30", "06:40:00", StringComparison.Ordinal));

        var text = await Conndiag.RunAsync("logs", path, "--summary");
        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Matches(@"^CODE\s+SEVERITY\s+COUNT\s+FIRST SEEN\s+LAST SEEN\s+FIRST AT$", text.StdoutLines[0]);
        Assert.Matches(@"^TCP\.REFUSED\s+Error\s+2\s+2026-11-22 06:32:30\s+2026-11-22 06:40:00\s+.*error\.log:1$", text.StdoutLines[1]);

        var json = await Conndiag.RunAsync("logs", path, "--summary", "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("findingCount").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("codes")[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Secrets_never_reach_the_output()
    {
        const string canary = "sk-ant-api03-CANARYcanary0123456789abcdefXYZ9";
        var path = Write("secret.log", $"API Error: 401 authentication_error (x-api-key {canary})");
        var text = await Conndiag.RunAsync("logs", path);
        var json = await Conndiag.RunAsync("logs", path, "--json");
        Assert.Contains("AUTH.INVALID_KEY", text.Stdout);
        Assert.DoesNotContain("CANARY", text.Stdout + text.Stderr + json.Stdout + json.Stderr);
    }

    [Theory]
    [InlineData("--since", "yesterday", "invalid --since 'yesterday'")]
    [InlineData("--tail", "-3", "--tail")]
    [InlineData("--bogus", null, "unknown option '--bogus'")]
    public async Task Bad_options_exit_2_with_one_line(string option, string? value, string expected)
    {
        string[] args = value is null ? ["logs", "-", option] : ["logs", "-", option, value];
        var run = await Conndiag.RunAsync(args, "");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains(expected, run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_file_exits_2_before_reading_anything()
    {
        var good = Write("good.log", NginxRefused);
        var run = await Conndiag.RunAsync("logs", good, Path.Combine(_dir, "missing.log"));
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains("missing.log' does not exist", run.Stderr);

        var none = await Conndiag.RunAsync("logs", Path.Combine(_dir, "*.nothing"));
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("No log file matches", none.Stderr);
    }

    [Fact]
    public async Task Help_names_the_command()
    {
        var help = await Conndiag.RunAsync("help", "logs");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("conndiag logs - ", help.Stdout, StringComparison.Ordinal);
        var general = await Conndiag.RunAsync("--help");
        Assert.Contains("conndiag logs [PATH...]", general.Stdout);
        var unknown = await Conndiag.RunAsync("nope");
        Assert.Contains(", logs", unknown.Stderr);
    }

    [Fact]
    public async Task Json_properties_match_docs_json_md()
    {
        var path = Write("doc.log", NginxRefused, "Error: read ECONNRESET");
        var run = await Conndiag.RunAsync("logs", path, "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        JsonDocumentationTests.AssertSameNames("Log finding", items.SelectMany(JsonDocumentationTests.Names));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("timestamp").ValueKind);

        var summary = await Conndiag.RunAsync("logs", path, "--summary", "--json");
        using var s = JsonDocument.Parse(summary.Stdout);
        JsonDocumentationTests.AssertSameNames("Log summary", JsonDocumentationTests.Names(s.RootElement));
        JsonDocumentationTests.AssertSameNames("Log code summary", s.RootElement.GetProperty("codes").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
    }

    [Theory]
    [InlineData("Log finding", typeof(LogFinding))]
    [InlineData("Log code summary", typeof(LogCodeSummary))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var p in JsonDocumentationTests.Docs.Value[section])
        {
            var clr = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(clr is not null, $"{section}.{p.Name} has no property on {type.Name}");
            var t = Nullable.GetUnderlyingType(clr!.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(p.Values), $"{section}.{p.Name}: docs list [{string.Join(", ", p.Values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny);
    }

    private static List<string?> Codes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
    }
}
