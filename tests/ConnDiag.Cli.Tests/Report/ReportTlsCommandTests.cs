using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tls.Support;

namespace ConnDiag.Cli.Tests.Report;

/// <summary>`conndiag tls --json` piped into `conndiag report`: a leaf-only `openssl s_server` gives a failed chain report with its finding.</summary>
public sealed class ReportTlsCommandTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    [LinuxFact("openssl")]
    public async Task A_leaf_only_chain_report_renders_its_certificate_and_CHAIN_INCOMPLETE()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf);
        var tls = await Conndiag.RunAsync(["tls", $"127.0.0.1:{server.Port}", "--server-name", "localhost", "--ca-bundle", _pki.BundlePath, "--ca-bundle-only", "--json"]);
        Assert.True(tls.ExitCode == 1, tls.ToString());

        var html = await Conndiag.RunAsync(["report"], tls.Stdout);
        var md = await Conndiag.RunAsync(["report", "--format", "md"], tls.Stdout);

        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.Contains($"<h2>127.0.0.1:{server.Port} — <span class=\"outcome Fail\">Fail at tls</span></h2>", html.Stdout);
        Assert.Contains("<dt>Report</dt><dd>TLS chain report</dd>", html.Stdout);
        Assert.Matches("<tr class=\"certificate\"><td class=\"num\">0</td><td>CN=localhost[^<]*</td><td>CN=ConnDiag Test Intermediate[^<]*</td><td>[0-9T:+-]+</td><td class=\"num\">\\d+ days</td><td>yes</td></tr>", html.Stdout);
        Assert.Contains("data-code=\"TLS.CHAIN_INCOMPLETE\"", html.Stdout);
        Assert.Single(Regex.Matches(html.Stdout, "data-bar=\"stage\" data-name=\"tls\""));

        Assert.True(md.ExitCode == 0, md.ToString());
        Assert.Contains("#### `TLS.CHAIN_INCOMPLETE` (Error)", md.StdoutLines);
        Assert.Contains("### Certificate chain", md.StdoutLines);
    }
}
