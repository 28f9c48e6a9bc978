using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Reports.Support;
using ConnDiag.Reports;
using ConnDiag.Serialization;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>
/// The HTML writer on real reports' JSON, as text: self-contained (nothing that loads, no script), the verdict, the
/// stages, the waterfall's bars with their tooltips, and the masking of a secret planted where a server could echo one.
/// </summary>
public sealed class HtmlReportWriterTests(RealReports reports) : IClassFixture<RealReports>
{
    /// <summary>A credential-shaped canary: the engine masks it when it diagnoses, the writer must mask it again.</summary>
    private static readonly string Canary = "sk-ant-api03-" + Guid.NewGuid().ToString("N") + "CANARYzz";

    private static string Html(params JsonElement[] rs) => ReportDocument.Render(rs, ReportFormat.Html);

    [LinuxFact("dnsmasq")]
    public async Task Nothing_in_the_file_loads_or_runs()
    {
        var built = await reports.GetAsync();
        var html = Html(built.PassingJson, built.ServerErrorJson, built.RefusedJson);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", html);
        // Text is escaped ('<' is &lt;), so every '<' left opens a real element: none may load or run anything.
        var tags = Regex.Matches(html, "<[a-zA-Z!/][^>]*>").Select(m => m.Value).ToList();
        Assert.Contains(tags, t => t.StartsWith("<rect class=\"bar", StringComparison.Ordinal));
        foreach (var tag in tags)
        {
            Assert.DoesNotMatch("^<(script|img|link|iframe|object|embed|image|use|a|form|base|audio|video|source|meta http-equiv=\"refresh)\\b", tag);
            Assert.DoesNotMatch("\\s(src|href|xlink:href|srcset|action|on\\w+)\\s*=", tag);
        }
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(css);
        foreach (var bad in new[] { "url(", "@import", "@font-face" }) Assert.DoesNotContain(bad, css, StringComparison.OrdinalIgnoreCase);
    }

    [LinuxFact("dnsmasq")]
    public async Task The_verdict_and_every_stage_with_a_bar_and_a_tooltip_in_ms()
    {
        var r = (await reports.GetAsync()).ServerError;
        var html = Html(ConnDiagJson.ToElement(r));

        Assert.Contains("<dt>Outcome</dt><dd><span class=\"outcome Fail\">Fail</span></dd>", html);
        Assert.Contains("<dt>Failed stage</dt><dd><code>http</code></dd>", html);
        Assert.Contains($"<dt>Target</dt><dd>{r.Url}</dd>", html);
        Assert.Contains($"<dt>Started</dt><dd>{r.StartedAt:yyyy-MM-dd'T'HH:mm}", html);
        foreach (var s in r.Stages)
        {
            var bar = Regex.Match(html, $"<rect class=\"bar stage {s.Outcome}\" data-bar=\"stage\" data-name=\"{s.Stage}\" data-ms=\"([0-9.]+)\"[^>]*><title>([^<]*)</title></rect>");
            Assert.True(bar.Success, $"no bar for stage {s.Stage}");
            Assert.InRange(double.Parse(bar.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - s.DurationMs, -0.0006, 0.0006);
            Assert.Equal($"{s.Stage}: {s.DurationMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms ({s.Outcome})", bar.Groups[2].Value);
        }
        var http = (ConnDiag.Http.HttpProbeResult)r.StageNamed("http")!.Evidence!;
        var phases = http.Attempts[^1].Exchanges[0].Phases;
        Assert.Matches($"data-name=\"ttfb\" data-ms=\"{phases.TtfbMs!.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}\"", html);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_secret_planted_in_the_json_is_masked_wherever_it_lands()
    {
        var node = JsonNode.Parse((await reports.GetAsync()).ServerErrorJson.GetRawText())!;
        node["findings"]![0]!["evidence"] = $"server echoed x-api-key: {Canary}";
        node["stages"]![0]!["summary"] = $"Bearer {Canary}";
        node["url"] = $"https://app.report.test/?api_key={Canary}";
        var element = JsonSerializer.SerializeToElement(node);

        var html = Html(element);
        var markdown = ReportDocument.Render([element], ReportFormat.Markdown);

        foreach (var doc in new[] { html, markdown })
        {
            Assert.DoesNotContain(Canary, doc);
            Assert.DoesNotContain(Canary[13..40], doc);
            Assert.Contains("sk-ant-…", doc);
        }
    }

    [Fact]
    public void A_tls_chain_report_renders_its_chain_and_findings()
    {
        // The shape `conndiag tls --json` writes (docs/json.md), with a leaf-only chain.
        var json = JsonDocument.Parse("""
            { "targetName": "127.0.0.1", "port": 8443, "address": "127.0.0.1", "serverName": "localhost", "filePath": null,
              "sentChain": [ { "subject": "CN=localhost", "issuer": "CN=Example Intermediate", "notBefore": "2026-11-21T10:00:00+00:00",
                "notAfter": "2027-02-19T10:00:00+00:00", "daysUntilExpiry": 88, "sentByServer": true } ],
              "builtChain": [], "protocol": "Tls13", "cipherSuite": "TLS_AES_256_GCM_SHA384", "handshakeMs": 3.2, "error": null,
              "trustStore": "the system trust store",
              "findings": [ { "code": "TLS.CHAIN_INCOMPLETE", "layer": "Tls", "severity": "Error", "summary": "only the leaf", "evidence": "e", "remedy": "send the intermediate" } ],
              "outcome": "Fail" }
            """).RootElement;

        var html = Html(json);

        Assert.Contains("<h2>127.0.0.1:8443 — <span class=\"outcome Fail\">Fail at tls</span></h2>", html);
        Assert.Contains("<tr class=\"certificate\"><td class=\"num\">0</td><td>CN=localhost</td><td>CN=Example Intermediate</td><td>2027-02-19T10:00:00+00:00</td><td class=\"num\">88 days</td><td>yes</td></tr>", html);
        Assert.Contains("data-code=\"TLS.CHAIN_INCOMPLETE\"", html);
        Assert.Single(Regex.Matches(html, "data-bar=\"stage\""));
        Assert.Contains("<dt>Report</dt><dd>TLS chain report</dd>", html);
    }
}
