using System.Net;
using System.Text.RegularExpressions;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Reports;
using ConnDiag.Serialization;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>
/// ClaudeConnectionReports made by the real Claude diagnoser against the loopback fake API (a wrong key, so it fails at
/// auth with findings; the right key, so the responses carry rate limits), written as one HTML and one Markdown
/// document: the effective configuration with sources, the request ids and the rate limits are there, the keys are not.
/// </summary>
public sealed class ClaudeReportTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-reportwrongkey0123456789abcdefXy42";
    private const string RightKey = "sk-ant-api03-therightkey0123456789abcdefghijkl";
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = RightKey;
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
        _home.Dispose();
    }

    private Task<ClaudeConnectionReport> DiagnoseAsync() => new ClaudeDiagnoser().DiagnoseAsync(new ClaudeConnectionOptions
    {
        Sources = _home.Sources,
        Diagnosis = EndpointDiagnosisOptions.Default with
        {
            Timeout = TimeSpan.FromSeconds(5),
            Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            // The default base URL pinned to the fake: api.anthropic.com is never resolved.
            ConnectTo = new IPEndPoint(IPAddress.Loopback, _server.Port),
        },
    });

    [Fact]
    public async Task The_claude_parts_are_in_both_documents_and_the_key_is_not()
    {
        var r = await DiagnoseAsync();
        _home.Environment["ANTHROPIC_API_KEY"] = RightKey;
        var right = await DiagnoseAsync();
        Assert.Equal("auth", r.FailedStage);
        Assert.Null(right.FailedStage);
        Assert.NotEmpty(r.RequestIds);
        var json = new[] { ConnDiagJson.ToElement(r), ConnDiagJson.ToElement(right) };

        var html = ReportDocument.Render(json, ReportFormat.Html);
        var md = ReportDocument.Render(json, ReportFormat.Markdown);

        Assert.Contains("<dt>Report</dt><dd>Claude connection report</dd>", html);
        Assert.Contains("<dt>Profile</dt><dd>Anthropic</dd>", html);
        Assert.Matches("<tr><td><code>ANTHROPIC_API_KEY</code></td><td><code>sk-ant-…Xy42</code></td><td>Environment</td></tr>", html);
        Assert.Equal(r.RequestIds.Count + right.RequestIds.Count, Regex.Matches(html, "<li><code>req_fake[^<]*</code></li>").Count);
        foreach (var id in r.RequestIds) Assert.Contains(id, html);
        Assert.Contains("data-code=\"AUTH.INVALID_KEY\"", html);
        Assert.Contains("<dt>Failed stage</dt><dd><code>auth</code></dd>", html);
        Assert.Equal(r.Stages.Count + right.Stages.Count, Regex.Matches(html, "data-bar=\"stage\"").Count);

        Assert.Contains("### Claude Code configuration", md);
        Assert.Contains("| ANTHROPIC\\_API\\_KEY | sk\\-ant\\-…Xy42 | Environment |", md.Replace("sk-ant-", "sk\\-ant\\-", StringComparison.Ordinal));
        Assert.Contains("### Request ids", md);
        foreach (var id in r.RequestIds) Assert.Contains($"- {id.Replace("_", "\\_", StringComparison.Ordinal)}", md);
        var requests = Assert.Single(right.RateLimits!.Windows, w => w.Kind == "requests");
        Assert.Contains($"<tr><td>requests</td><td class=\"num\">{requests.Limit}</td><td class=\"num\">{requests.Remaining}</td>", html);
        Assert.Contains($"| requests | {requests.Limit} | {requests.Remaining} |", md);
        foreach (var doc in new[] { html, md })
        {
            Assert.DoesNotContain(Key, doc);
            Assert.DoesNotContain("reportwrongkey", doc);
            Assert.DoesNotContain("therightkey", doc);
            Assert.DoesNotContain(RightKey, doc);
        }
    }
}
