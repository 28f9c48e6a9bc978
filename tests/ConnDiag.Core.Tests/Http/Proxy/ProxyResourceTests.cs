using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>Every way the probe ends closes what it opened: the descriptor count is stable after hundreds of probes.</summary>
[Collection(nameof(Ports.FdCountCollection))]
public class ProxyResourceTests
{
    [LinuxFact]
    public async Task Hundreds_of_probes_leave_no_descriptor_behind()
    {
        const int Rounds = 100;
        using var tunnel = ScriptedServer.Answering("HTTP/1.1 200 Connection established\r\n\r\n", maxConnections: Rounds + 10);
        using var auth = ScriptedServer.Answering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n", maxConnections: Rounds + 10);
        using var closer = new ScriptedServer((_, _, _) => Task.CompletedTask, maxConnections: Rounds + 10);
        using var closed = new ClosedPort(System.Net.IPAddress.Loopback);
        var probe = new ConnectTunnelProbe();
        var options = new ProxyProbeOptions(TimeSpan.FromSeconds(5));
        ProxyProbeRequest Request(int port) =>
            new(new Target("api.example.com", 443), "https", ProxySettings.Resolve("https", new ProxyOptions($"http://127.0.0.1:{port}", UseEnvironment: false)));

        async Task RoundAsync()
        {
            await using (var open = await probe.OpenAsync(Request(tunnel.Port), options))
            {
                Assert.Equal(ProxyTunnelStatus.Established, open.Result.TunnelStatus);
            }
            Assert.Equal(ProxyTunnelStatus.AuthRequired, (await probe.ProbeAsync(Request(auth.Port), options)).TunnelStatus);
            Assert.Equal(ProxyTunnelStatus.NoAnswer, (await probe.ProbeAsync(Request(closer.Port), options)).TunnelStatus);
            Assert.Equal(ProxyTunnelStatus.ProxyUnreachable, (await probe.ProbeAsync(Request(closed.Port), options)).TunnelStatus);
        }

        // Warm up (thread pool, lazily opened handles) before counting.
        for (var i = 0; i < 5; i++) await RoundAsync();
        var before = FileDescriptors.Count();
        for (var i = 0; i < Rounds; i++) await RoundAsync();
        // The servers close their side asynchronously; give them a bounded moment.
        var after = FileDescriptors.Count();
        for (var i = 0; i < 50 && after > before + 5; i++)
        {
            await Task.Delay(100);
            after = FileDescriptors.Count();
        }
        Assert.True(after <= before + 5, $"descriptors: {before} before, {after} after {Rounds} rounds");
    }
}
