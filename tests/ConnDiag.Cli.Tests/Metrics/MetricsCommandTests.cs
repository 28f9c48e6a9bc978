using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnDiag.Cli.Tests.Endpoint;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Monitoring.Prometheus;

namespace ConnDiag.Cli.Tests.Metrics;

/// <summary>
/// `conndiag metrics` as a whole process, fed what other conndiag processes wrote with --json against loopback
/// Kestrel servers and a closed port; the output goes through promtool and the strict exposition reader.
/// </summary>
public sealed class MetricsCommandTests : IClassFixture<EndpointServers>
{
    private readonly EndpointServers _servers;

    public MetricsCommandTests(EndpointServers servers) => _servers = servers;

    private static Task<CliRun> Metrics(string stdin, params string[] args) => Conndiag.RunAsync(["metrics", .. args], stdin);

    /// <summary>A port nobody listens on, held by a bound, non-listening socket so nothing can take it.</summary>
    private static Socket ClosedPort(out int port)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)s.LocalEndPoint!).Port;
        return s;
    }

    [LinuxFact("promtool")]
    public async Task Endpoint_json_piped_into_metrics_gives_valid_metrics_with_the_status_and_the_verdict()
    {
        var ok = _servers.Plain.Url("/ok").ToString();
        var failing = _servers.Tls.Url("/500").ToString();
        var endpoint = await EndpointServers.RunAsync([ok, failing, "--cacert", _servers.Certificates.RootPemPath, "--json"]);
        Assert.True(endpoint.ExitCode == 1, endpoint.ToString());

        var run = await Metrics(endpoint.Stdout);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        var samples = Exposition.Check(run.Stdout);
        Assert.Equal(200, samples.One("conndiag_http_status_code", "kind=endpoint", "target=" + ok).Value);
        Assert.Equal(500, samples.One("conndiag_http_status_code", "kind=endpoint", "target=" + failing).Value);
        Assert.Equal(1, samples.One("conndiag_probe_success", "target=" + ok).Value);
        Assert.Equal(0, samples.One("conndiag_probe_success", "target=" + failing).Value);
        Assert.Equal(1, samples.One("conndiag_findings", "target=" + failing, "code=HTTP.SERVER_ERROR").Value);
        Assert.Equal(1, samples.One("conndiag_stage_outcome", "target=" + failing, "stage=http", "outcome=Fail").Value);
        var notAfter = new DateTimeOffset(_servers.Certificates.Leaf.NotAfter.ToUniversalTime());
        Assert.Equal((notAfter - DateTimeOffset.UnixEpoch).TotalSeconds, samples.One("conndiag_tls_certificate_expiry_timestamp_seconds", "target=" + failing).Value);
        // Each family once, with both targets' samples under it.
        Assert.Equal(1, run.StdoutLines.Count(l => l == "# TYPE conndiag_http_status_code gauge"));
    }

    [LinuxFact("promtool")]
    public async Task Ndjson_of_tcp_results_from_file_and_stdin_keeps_the_latest_per_target_and_says_so()
    {
        using var closed = ClosedPort(out var port);
        var tcp = await Conndiag.RunAsync("tcp", $"127.0.0.1:{port}", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        var result = JsonNode.Parse(tcp.Stdout)!.AsArray()[0]!;
        // The same result three times, one compact object per line as a stream writes it; the middle one edited to
        // claim success, the last one real again: the last one must win.
        var fake = JsonNode.Parse(result.ToJsonString())!;
        fake["succeeded"] = true;
        var ndjson = string.Join('\n', result.ToJsonString(), fake.ToJsonString(), result.ToJsonString()) + "\n";
        var file = Path.Combine(Path.GetTempPath(), $"conndiag-metrics-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, ndjson);
        try
        {
            foreach (var run in new[] { await Metrics(ndjson), await Metrics("", "--file", file) })
            {
                Assert.True(run.ExitCode == 0, run.ToString());
                Assert.Equal("conndiag: note: 2 of 3 results had the same kind and target as a later one; the later one is written", run.Stderr.TrimEnd());
                var samples = Exposition.Check(run.Stdout);
                Assert.Equal(0, samples.One("conndiag_probe_success", "kind=tcp", $"target=127.0.0.1:{port}").Value);
                Assert.Equal(0, samples.One("conndiag_tcp_port_open", "address=127.0.0.1", $"port={port}").Value);
                Assert.Equal(1, samples.One("conndiag_findings", "code=TCP.REFUSED").Value);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("[\n  {\"targetName\": \"a\",\n   \"port\": 80,,\n", "conndiag: stdin is not valid JSON at line 3, column 15: ", "','")]
    [InlineData("{\"status\": \"up\"}\n{\"hello\": 1}\n",
        "conndiag: input 1 is not a ConnDiag result: it has none of 'p95Ms' (a watch sample), 'profile' with 'stages'", "(its properties: 'status')")]
    public async Task Bad_json_or_a_value_of_no_known_shape_exits_2_with_one_line_and_writes_nothing(string stdin, string start, string part)
    {
        var run = await Metrics(stdin);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(start, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(part, run.Stderr);
        Assert.Single(run.StderrLines);
    }

    [Theory]
    [InlineData(new[] { "--file", "/nonexistent/conndiag/x.json" }, "conndiag: --file '/nonexistent/conndiag/x.json' does not exist")]
    [InlineData(new[] { "--file", "/" }, "conndiag: --file '/' is a directory")]
    [InlineData(new[] { "report.json" }, "conndiag: unexpected argument 'report.json'")]
    [InlineData(new[] { "--json" }, "conndiag: unknown option '--json' for 'conndiag metrics'")]
    [InlineData(new string[0], "conndiag: stdin is empty")]
    public async Task Bad_arguments_and_missing_input_exit_2_with_one_line(string[] args, string expected)
    {
        var run = await Metrics("", args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.StderrLines);
    }

    [Fact]
    public async Task Help_names_the_input_forms_the_cap_and_the_atomic_rename()
    {
        var run = await Conndiag.RunAsync("help", "metrics");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("conndiag metrics [-] [-f|--file PATH]", run.Stdout);
        Assert.Contains("64 MiB", run.Stdout);
        Assert.Contains("mv /var/lib/node_exporter/textfile/conndiag.prom.tmp", run.Stdout);
        var general = await Conndiag.RunAsync("--help");
        Assert.Contains("conndiag metrics [--file PATH]", general.Stdout);
    }
}
