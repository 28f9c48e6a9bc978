using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Http.Proxy;

public class ProxyStageTests
{
    private static readonly ProxyProbeOptions Options = new(TimeSpan.FromSeconds(3));

    private static Task<ProxyProbeResult> Probe(ProxySettings settings, string host, int port) =>
        new ConnectTunnelProbe().ProbeAsync(new ProxyProbeRequest(new Target(host, port), "https", settings), Options);

    [Fact]
    public async Task No_proxy_is_a_skipped_stage_with_the_reason()
    {
        var r = await Probe(ProxySettings.Resolve("https", environment: ProxyEnvironment.From(new Dictionary<string, string>())), "api.example.com", 443);
        var stage = r.ToStageResult();
        Assert.Equal(ProxyStage.Name, stage.Stage);
        Assert.Equal(Layer.Proxy, stage.Layer);
        Assert.Equal(Outcome.Skipped, stage.Outcome);
        Assert.Contains("no proxy configured for https targets", stage.Summary);
        Assert.Same(r, stage.Evidence);
    }

    [Fact]
    public async Task An_open_tunnel_passes_and_a_refusal_fails_with_its_finding_as_summary()
    {
        using var ok = ScriptedServer.Answering("HTTP/1.1 200 Connection established\r\n\r\n");
        var open = (await Probe(ProxySettings.Resolve("https", new ProxyOptions($"http://127.0.0.1:{ok.Port}", UseEnvironment: false)), "api.example.com", 443)).ToStageResult();
        Assert.Equal(Outcome.Pass, open.Outcome);
        Assert.StartsWith($"tunnel to api.example.com:443 open through http://127.0.0.1:{ok.Port} (CONNECT answered 200 in ", open.Summary);

        using var no = ScriptedServer.Answering("HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\n\r\n");
        var failed = (await Probe(ProxySettings.Resolve("https", new ProxyOptions($"http://127.0.0.1:{no.Port}", UseEnvironment: false)), "api.example.com", 443)).ToStageResult();
        Assert.Equal(Outcome.Fail, failed.Outcome);
        Assert.Equal(FindingCodes.ProxyUpstreamFailed, Assert.Single(failed.Findings).Code);
        Assert.Equal(failed.Findings[0].Summary, failed.Summary);
    }

    [Fact]
    public async Task A_bypass_passes_with_the_entry_in_the_summary()
    {
        var settings = ProxySettings.Resolve("https", new ProxyOptions("http://127.0.0.1:9", NoProxy: "*", UseEnvironment: false));
        var stage = (await Probe(settings, "api.example.com", 443)).ToStageResult();
        Assert.Equal(Outcome.Pass, stage.Outcome);
        Assert.Contains("NO_PROXY is '*'", stage.Summary);
        Assert.Equal(FindingCodes.ProxyBypassed, Assert.Single(stage.Findings).Code);
    }
}
