using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Cli.Tests.Watch;

/// <summary>A Kestrel app with a healthy route and one that answers 200 once, then 503 for good.</summary>
public sealed class WatchServer : IAsyncLifetime
{
    private int _flaky;

    internal TestWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestWebServer.StartAsync(app =>
    {
        app.MapGet("/ok", () => "ok");
        app.MapGet("/flaky", (HttpContext c) =>
        {
            if (Interlocked.Increment(ref _flaky) == 1) return c.Response.WriteAsync("ok");
            c.Response.StatusCode = 503;
            return c.Response.WriteAsync("down");
        });
    });

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>
/// `conndiag watch` as a whole process: one line (or one NDJSON object) per probe, state-change lines, exit codes,
/// Ctrl+C. Latency thresholds are set far above anything a loaded machine takes, except where a test is about them.
/// </summary>
public sealed class WatchCommandTests(WatchServer fixture) : IClassFixture<WatchServer>
{
    private static readonly string[] Relaxed = ["--warn-ms", "60000", "--critical-ms", "60000"];
    private static readonly Regex SampleLine = new(
        @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  #(?<seq>\d+) +(?<lat>\d+\.\d) ms  p50 \d+\.\d ms  p95 \d+\.\d ms  errors (?<err>[\d.]+) % of (?<win>\d+)  (?<state>Ok|Warning|Critical)(?<fail>  failed at .*)?$");

    private static Task<CliRun> Watch(params string[] args) =>
        Conndiag.RunAsync(["watch", .. args], stdin: null, environment: NoProxy());

    private static Dictionary<string, string?> NoProxy()
    {
        var env = new Dictionary<string, string?>();
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" })
        {
            env[name] = null;
            env[name.ToLowerInvariant()] = null;
        }
        return env;
    }

    [Fact]
    public async Task Count_probes_print_one_line_each_and_exit_0_when_ok()
    {
        var url = fixture.Server.Url("/ok").ToString();
        var before = fixture.Server.Received.Count(r => r.Path == "/ok");

        var run = await Watch([url, "--count", "3", "--interval", "0.2", .. Relaxed]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        var lines = run.StdoutLines;
        Assert.Equal(3, lines.Length);
        var matches = lines.Select(l => SampleLine.Match(l)).ToList();
        Assert.All(matches, m => Assert.True(m.Success, run.ToString()));
        Assert.Equal(["1", "2", "3"], matches.Select(m => m.Groups["seq"].Value));
        Assert.Equal(["1", "2", "3"], matches.Select(m => m.Groups["win"].Value));
        Assert.All(matches, m => Assert.Equal("Ok", m.Groups["state"].Value));
        Assert.Equal(3, fixture.Server.Received.Count(r => r.Path == "/ok") - before);
    }

    [Fact]
    public async Task Json_writes_one_parseable_object_per_line_with_the_sample_shape()
    {
        var url = fixture.Server.Url("/ok").ToString();

        var run = await Watch([url, "--count", "2", "--interval", "0.2", "--json", .. Relaxed]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var o = doc.RootElement;
            Assert.Equal(
                ["errorRatePercent", "failedStage", "failureSummary", "findingCodes", "latencyMs", "outcome", "p50Ms", "p95Ms", "previousState",
                 "reason", "sequence", "state", "stateChanged", "statusCode", "success", "target", "timestamp", "windowSize"],
                o.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(i + 1, o.GetProperty("sequence").GetInt64());
            Assert.Equal(url, o.GetProperty("target").GetString());
            Assert.Equal(200, o.GetProperty("statusCode").GetInt32());
            Assert.Equal("Ok", o.GetProperty("state").GetString());
            Assert.True(o.GetProperty("success").GetBoolean());
            Assert.Equal(JsonValueKind.Array, o.GetProperty("findingCodes").ValueKind);
        }
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(lines[0]).RootElement.GetProperty("previousState").ValueKind);
    }

    [Fact]
    public async Task A_state_change_gets_a_marked_line_and_a_failing_end_exits_1()
    {
        var url = fixture.Server.Url("/flaky").ToString();

        var text = await Watch([url, "--count", "2", "--interval", "0.2", .. Relaxed]);

        Assert.True(text.ExitCode == 1, text.ToString());
        var lines = text.StdoutLines;
        Assert.Equal(3, lines.Length);
        Assert.Equal("Ok", SampleLine.Match(lines[0]).Groups["state"].Value);
        var second = SampleLine.Match(lines[1]);
        Assert.True(second.Success, text.ToString());
        Assert.Equal(("50", "Critical", "  failed at http: HTTP.SERVICE_UNAVAILABLE"),
            (second.Groups["err"].Value, second.Groups["state"].Value, second.Groups["fail"].Value));
        Assert.Equal("==> Ok → Critical: error rate 50 % ≥ critical 5 %", lines[2]);
    }

    [Fact]
    public async Task Only_the_chosen_stages_run()
    {
        using var closed = new ClosedPort();

        var run = await Watch([$"http://127.0.0.1:{closed.Port}/", "--count", "1", "--stage", "tcp", "--json", .. Relaxed]);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(Assert.Single(run.StdoutLines));
        Assert.Equal("tcp", doc.RootElement.GetProperty("failedStage").GetString());
        Assert.Contains("TCP.REFUSED", doc.RootElement.GetProperty("findingCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(100, doc.RootElement.GetProperty("errorRatePercent").GetDouble());
    }

    [Fact]
    public async Task A_key_in_the_query_string_never_reaches_the_output()
    {
        var canary = "cd-canary-" + Guid.NewGuid().ToString("N");
        var url = fixture.Server.Url($"/ok?api_key={canary}").ToString();

        var text = await Watch([url, "--count", "2", "--interval", "0.1", .. Relaxed]);
        var json = await Watch([url, "--count", "2", "--interval", "0.1", "--json", .. Relaxed]);

        foreach (var run in new[] { text, json })
        {
            Assert.True(run.StdoutLines.Length >= 2, run.ToString());
            Assert.DoesNotContain(canary, run.Stdout + run.Stderr);
        }
        using var doc = JsonDocument.Parse(json.StdoutLines[0]);
        Assert.Contains("api_key=", doc.RootElement.GetProperty("target").GetString());
    }

    [Theory]
    [InlineData(new[] { "--warn-ms", "900", "--critical-ms", "100" }, "conndiag: watch: CriticalMs 100 is below WarnMs 900: the critical latency threshold must be at least the warning one.")]
    [InlineData(new[] { "--warn-ms", "-5" }, "conndiag: watch: WarnMs -5 is out of range: expected a number of milliseconds above 0.")]
    [InlineData(new[] { "--error-warn-percent", "10", "--error-critical-percent", "5" }, "conndiag: watch: ErrorRateCriticalPercent 5 is below ErrorRateWarnPercent 10: the critical error rate must be at least the warning one.")]
    [InlineData(new[] { "--error-critical-percent", "101" }, "conndiag: watch: ErrorRateCriticalPercent 101 is out of range: expected a percentage above 0 and at most 100.")]
    [InlineData(new[] { "--stage", "dns,icmp" }, "conndiag: watch: Unknown stage 'icmp': expected one or more of config, dns, tcp, proxy, tls, http (e.g. dns,tcp,tls,http).")]
    [InlineData(new[] { "--interval", "0.01" }, "conndiag: watch: Interval 0.01 s is out of range: expected 0.1 to 86400 seconds.")]
    [InlineData(new[] { "--count", "0" }, "conndiag: invalid --count '0': expected a whole number in 1-999999999")]
    [InlineData(new[] { "--window", "10001" }, "conndiag: invalid --window '10001': expected a whole number in 1-10000")]
    [InlineData(new[] { "--frobnicate" }, "conndiag: unknown option '--frobnicate' for 'conndiag watch' (see 'conndiag help watch')")]
    public async Task Bad_thresholds_and_options_exit_2_with_one_line(string[] args, string error)
    {
        var run = await Watch([fixture.Server.Url("/ok").ToString(), .. args]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal(error, Assert.Single(run.StderrLines));
    }

    [Theory]
    [InlineData(new string[0], "conndiag: watch: no target: give a URL, HOST or HOST:PORT (see 'conndiag help watch')")]
    [InlineData(new[] { "http://a.invalid/", "http://b.invalid/?key=secret" }, "conndiag: watch: one target at a time: run one watch per endpoint")]
    [InlineData(new[] { "ftp://127.0.0.1/" }, "conndiag: watch: 'ftp://127.0.0.1/': scheme 'ftp' is not supported: use http:// or https://, or HOST:PORT for any other TCP service.")]
    public async Task Bad_targets_exit_2_with_one_line(string[] args, string error)
    {
        var run = await Watch(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(error, Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task Help_names_every_option()
    {
        var run = await Conndiag.RunAsync("help", "watch");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--interval", "--count", "--warn-ms", "--critical-ms", "--error-warn-percent", "--error-critical-percent",
                     "--window", "--stage", "--timeout", "--json", "Ctrl+C", "NDJSON" })
        {
            Assert.Contains(option, run.Stdout);
        }
        Assert.Contains("conndiag watch TARGET", (await Conndiag.RunAsync("--help")).Stdout);
    }

    [LinuxFact]
    public async Task Ctrl_C_ends_an_unbounded_watch_with_the_last_state_as_exit_code()
    {
        using var cli = Conndiag.Start(["watch", fixture.Server.Url("/ok").ToString(), "--interval", "0.2", "--json", .. Relaxed], NoProxy());
        cli.Process.StandardInput.Close();

        await cli.WaitForStdoutAsync(s => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, TimeSpan.FromSeconds(60));
        Assert.Equal(0, Kill(cli.Process.Id, 2));
        var run = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        Assert.True(lines.Length >= 2, run.ToString());
        // Every line written before the interrupt is a complete object; the last one is the last sample.
        var last = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, last.Count).Select(i => (long)i), last);
        Assert.Equal($"conndiag: watch stopped after {last.Count} probes; last state Ok", Assert.Single(run.StderrLines));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
