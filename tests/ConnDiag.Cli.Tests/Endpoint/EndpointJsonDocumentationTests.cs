using System.Reflection;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using static ConnDiag.Cli.Tests.JsonDocumentationTests;

namespace ConnDiag.Cli.Tests.Endpoint;

/// <summary>
/// docs/json.md's `conndiag endpoint --json` tables against real reports: the report, its stages and each stage's
/// evidence (DNS via dnsmasq, TCP, a proxy bypassed by NO_PROXY, TLS with a CA bundle, HTTP with its phases).
/// </summary>
public sealed class EndpointJsonDocumentationTests(EndpointServers servers) : IClassFixture<EndpointServers>
{
    [Fact]
    public async Task Report_stage_proxy_tls_and_http_properties_match_the_real_output()
    {
        using var deadProxy = new ClosedPort();
        var run = await EndpointServers.RunAsync([
            servers.Tls.Url("api.test", "/ok").ToString(), "--connect-to", "127.0.0.1", "--cacert", servers.Certificates.RootPemPath,
            "--proxy", $"http://alice:pw@127.0.0.1:{deadProxy.Port}", "--noproxy", "api.test,10.0.0.0/8", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        AssertSameNames("Endpoint report", Names(report));
        AssertSameNames("Endpoint target", Names(report.GetProperty("target")));
        AssertSameNames("Stage result", report.GetProperty("stages").EnumerateArray().SelectMany(Names));
        AssertSameNames("Finding", report.GetProperty("findings").EnumerateArray().SelectMany(Names));

        var config = EndpointCommandTests.Stage(report, "config").GetProperty("evidence");
        AssertSameNames("Config stage evidence", Names(config));
        Assert.Equal("Bypassed", config.GetProperty("route").GetString());

        var tcp = EndpointCommandTests.Stage(report, "tcp").GetProperty("evidence");
        AssertSameNames("Tcp result", Names(tcp));
        AssertSameNames("Attempt", tcp.GetProperty("attempts").EnumerateArray().SelectMany(Names));

        var proxy = EndpointCommandTests.Stage(report, "proxy").GetProperty("evidence");
        var settings = proxy.GetProperty("settings");
        var decision = proxy.GetProperty("decision");
        Assert.Equal("Bypassed", decision.GetProperty("route").GetString());
        AssertSameNames("Proxy probe result", Names(proxy));
        AssertSameNames("Proxy settings", Names(settings));
        AssertSameNames("Proxy server", Names(settings.GetProperty("proxy")).Concat(Names(decision.GetProperty("proxy"))));
        AssertSameNames("Proxy credentials", Names(settings.GetProperty("proxy").GetProperty("credentials")));
        AssertSameNames("Proxy value source", Names(settings.GetProperty("proxySource")).Concat(Names(settings.GetProperty("noProxySource"))));
        AssertSameNames("No-proxy list", Names(settings.GetProperty("noProxy")));
        AssertSameNames("No-proxy entry", settings.GetProperty("noProxy").GetProperty("entries").EnumerateArray().SelectMany(Names)
            .Concat(Names(decision.GetProperty("matchedEntry"))));
        AssertSameNames("Proxy decision", Names(decision));

        var tls = EndpointCommandTests.Stage(report, "tls").GetProperty("evidence");
        AssertSameNames("Tls chain report", Names(tls));
        AssertSameNames("Certificate", tls.GetProperty("sentChain").EnumerateArray().SelectMany(Names));

        var http = EndpointCommandTests.Stage(report, "http").GetProperty("evidence");
        var exchanges = http.GetProperty("attempts").EnumerateArray().SelectMany(a => a.GetProperty("exchanges").EnumerateArray()).ToList();
        AssertSameNames("HTTP probe result", Names(http));
        AssertSameNames("HTTP attempt", http.GetProperty("attempts").EnumerateArray().SelectMany(Names));
        AssertSameNames("HTTP exchange", exchanges.SelectMany(Names));
        AssertSameNames("HTTP phases", exchanges.SelectMany(e => Names(e.GetProperty("phases"))));
        AssertSameNames("HTTP TLS", exchanges.SelectMany(e => Names(e.GetProperty("tls"))));
        AssertSameNames("HTTP header", exchanges.SelectMany(e => e.GetProperty("requestHeaders").EnumerateArray()).SelectMany(Names));
    }

    [LinuxFact("dnsmasq")]
    public async Task Dns_stage_evidence_properties_match_the_real_output()
    {
        using var dns = DnsmasqServer.Start();
        var url = $"http://claude.test:{servers.Plain.Port}/ok";

        var run = await EndpointServers.RunAsync([url, "-4", "--resolver", dns.Udp.Text, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var stage = EndpointCommandTests.Stage(doc.RootElement[0], "dns");
        Assert.Equal("Pass", stage.GetProperty("outcome").GetString());
        var evidence = stage.GetProperty("evidence");
        AssertSameNames("DNS stage evidence", Names(evidence));
        AssertSameNames("DNS answer", evidence.GetProperty("answers").EnumerateArray().SelectMany(Names));
        Assert.Equal("claude.test", evidence.GetProperty("answeredName").GetString());
        Assert.Contains("127.0.0.1", evidence.GetProperty("addressSets").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("Endpoint report", typeof(DiagnosticReport))]
    [InlineData("Stage result", typeof(StageResult))]
    [InlineData("Proxy probe result", typeof(ProxyProbeResult))]
    [InlineData("Proxy server", typeof(ProxyServer))]
    [InlineData("Proxy value source", typeof(ProxyValueSource))]
    [InlineData("No-proxy entry", typeof(NoProxyEntry))]
    [InlineData("Proxy decision", typeof(ProxyDecision))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var p in Docs.Value[section])
        {
            var clr = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(clr is not null, $"{section}.{p.Name} has no property on {type.Name}");
            var t = Nullable.GetUnderlyingType(clr!.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(p.Values), $"{section}.{p.Name}: docs list [{string.Join(", ", p.Values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny, $"no enum property documented in {section}");
    }
}
