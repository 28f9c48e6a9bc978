using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tls.Support;

namespace ConnDiag.Cli.Tests;

/// <summary>`conndiag tls` as a whole process against `openssl s_server` children serving chains generated per run.</summary>
public sealed class TlsCommandTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    private string[] Trust => ["--ca-bundle", _pki.BundlePath, "--ca-bundle-only"];

    [LinuxFact("openssl")]
    public async Task A_full_chain_exits_0_with_a_trusted_row_and_the_chain_under_it()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var run = await Conndiag.RunAsync(["tls", $"127.0.0.1:{server.Port}", "--server-name", "localhost", .. Trust]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^TARGET\s+ADDRESS\s+TLS\s+CHAIN\s+NAME\s+EXPIRES\s+HANDSHAKE$", run.StdoutLines[0]);
        Assert.Matches($@"^127\.0\.0\.1:{server.Port}\s+127\.0\.0\.1\s+TLS 1\.3\s+trusted\s+ok\s+\d+ d\s+\d+\.\d ms$", run.StdoutLines[1]);
        Assert.Equal("  chain: localhost ← ConnDiag Test Intermediate ← ConnDiag Test Root (sent 2)", run.StdoutLines[2]);
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.Equal("", run.Stderr);
    }

    [LinuxFact("openssl")]
    public async Task A_leaf_only_server_exits_1_with_CHAIN_INCOMPLETE_and_its_remedy()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf);

        var run = await Conndiag.RunAsync(["tls", $"localhost:{server.Port}", "-4", .. Trust]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^localhost:{server.Port}\s+127\.0\.0\.1\s+TLS 1\.3\s+untrusted\s+ok\b", run.StdoutLines[1]);
        Assert.StartsWith($"  TLS.CHAIN_INCOMPLETE localhost:{server.Port}: the server sent only the leaf certificate", run.StdoutLines[3]);
        Assert.StartsWith("    → Configure the server to send the intermediate", run.StdoutLines[4]);
    }

    [LinuxFact("openssl")]
    public async Task Skip_cert_check_turns_the_problem_into_a_warning_and_exits_0()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf);

        var run = await Conndiag.RunAsync(["tls", $"127.0.0.1:{server.Port}", "--skip-cert-check", "--json", .. Trust]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.True(report.GetProperty("certificateCheckSkipped").GetBoolean());
        Assert.Equal("Warning", report.GetProperty("findings")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_silent_server_is_a_handshake_timeout_not_a_hang()
    {
        using var silent = new SilentListener();

        var run = await Conndiag.RunAsync(["tls", $"127.0.0.1:{silent.Port}", "--timeout", "1"], stdin: null, timeout: TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"  TLS.HANDSHAKE_TIMEOUT 127.0.0.1:{silent.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_PEM_chain_file_is_analysed_offline()
    {
        using var leaf = _pki.Leaf();
        var path = _pki.Dir.WritePem("fullchain.pem", leaf, _pki.Intermediate);

        var run = await Conndiag.RunAsync(["tls", "--file", path, "--server-name", "localhost", .. Trust]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^FILE\s+CHAIN\s+NAME\s+EXPIRES$", run.StdoutLines[0]);
        Assert.Matches($@"^{Regex.Escape(path)}\s+trusted\s+ok\s+\d+ d$", run.StdoutLines[1]);
    }

    [Fact]
    public async Task A_DER_leaf_file_alone_exits_1_with_CHAIN_INCOMPLETE()
    {
        using var leaf = _pki.Leaf();
        var path = _pki.Dir.Write("leaf.der", leaf.Certificate.RawData);

        var run = await Conndiag.RunAsync(["tls", "--file", path, .. Trust]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"  TLS.CHAIN_INCOMPLETE '{path}': the file holds only the leaf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_garbage_chain_file_exits_2_naming_the_file_and_prints_nothing()
    {
        using var leaf = _pki.Leaf();
        var good = _pki.Dir.WritePem("good.pem", leaf);
        var garbage = _pki.Dir.Write("garbage.pem", "hello\n");

        var run = await Conndiag.RunAsync("tls", "--file", good, "--file", garbage);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal($"conndiag: --file '{garbage}': not a certificate file: neither PEM (no -----BEGIN CERTIFICATE-----) nor DER X.509 (starts with 'hello.' = 0x68656C6C6F0A)", run.Stderr.TrimEnd());
    }

    [Theory]
    [InlineData("--ca-bundle-only", "needs --ca-bundle")]
    [InlineData("--min-days=-1", "invalid --min-days '-1'")]
    [InlineData("--server-name=bad_name!", "invalid --server-name 'bad_name!'")]
    [InlineData("--throttle=0", "invalid --throttle '0'")]
    [InlineData("--bogus", "unknown option '--bogus' for 'conndiag tls'")]
    [InlineData("--ntp=bad host", "invalid --ntp 'bad host'")]
    public async Task Bad_options_exit_2_with_one_line(string option, string expected)
    {
        var run = await Conndiag.RunAsync("tls", "127.0.0.1:443", option);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr);
        Assert.Single(run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Ntp_names_the_clock_source_for_time_failures()
    {
        var a = ConnDiag.Cli.Commands.TlsCommand.Parse(["127.0.0.1:443", "--ntp", "127.0.0.1:11123"]);

        Assert.NotNull(a.ClockCheck);
        Assert.Equal(("127.0.0.1", 11123), (a.ClockCheck.Host, a.ClockCheck.Port));
        Assert.Null(ConnDiag.Cli.Commands.TlsCommand.Parse(["127.0.0.1:443"]).ClockCheck);
    }

    [Fact]
    public async Task A_garbage_CA_bundle_and_targets_mixed_with_files_exit_2()
    {
        var garbage = _pki.Dir.Write("bundle.pem", "not a bundle");

        var bundle = await Conndiag.RunAsync("tls", "127.0.0.1:443", "--ca-bundle", garbage);
        var mixed = await Conndiag.RunAsync("tls", "127.0.0.1:443", "--file", _pki.BundlePath);
        var none = await Conndiag.RunAsync("tls");

        Assert.True(bundle.ExitCode == 2, bundle.ToString());
        Assert.StartsWith($"conndiag: --ca-bundle '{garbage}': not a certificate file", bundle.Stderr);
        Assert.True(mixed.ExitCode == 2, mixed.ToString());
        Assert.Contains("not both", mixed.Stderr);
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("no targets", none.Stderr);
    }

    [Theory]
    [InlineData("help", "tls")]
    [InlineData("tls", "--help")]
    public async Task Help_names_every_option(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--port", "--server-name", "--ca-bundle", "--ca-bundle-only", "--check-revocation", "--min-days",
                     "--skip-cert-check", "--timeout", "--throttle", "--ipv4", "--ipv6", "--file", "--json", "TLS.INTERCEPTED" })
        {
            Assert.Contains(option, run.Stdout);
        }
    }

    [Fact]
    public async Task General_help_lists_the_tls_command()
    {
        var run = await Conndiag.RunAsync("--help");

        Assert.Contains("conndiag tls HOST[:PORT]...", run.Stdout);
        Assert.Contains("conndiag tls --file CHAIN.pem", run.Stdout);
    }
}
