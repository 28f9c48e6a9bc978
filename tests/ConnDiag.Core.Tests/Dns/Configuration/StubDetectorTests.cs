using System.Net;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Core.Tests.Dns.Configuration;

public class StubDetectorTests
{
    private static StubDetection Detect(string text, string? link = null) =>
        StubDetector.Detect(ResolvConfParser.Parse(text, "/etc/resolv.conf"), link);

    [Fact]
    public void Systemd_resolved_stub_is_recognised_by_header_and_address()
    {
        var d = Detect(SampleFiles.SystemdStub);
        Assert.Equal(ResolvConfGenerator.SystemdResolved, d.Generator);
        Assert.Equal(StubResolverKind.SystemdResolved, d.StubKind);
        Assert.Contains(d.Notes, n => n.Line == 21 && n.Message.Contains("/run/systemd/resolve/resolv.conf", StringComparison.Ordinal));
        Assert.Empty(d.UpstreamServers);
    }

    [Fact]
    public void Systemd_resolved_is_recognised_from_the_symlink_alone_and_the_proxy_stub_too()
    {
        var d = Detect("nameserver 127.0.0.54\n", "../run/systemd/resolve/stub-resolv.conf");
        Assert.Equal(ResolvConfGenerator.SystemdResolved, d.Generator);
        Assert.Equal(StubResolverKind.SystemdResolved, d.StubKind);
        Assert.Contains(d.Notes, n => n.Message.Contains("proxy stub", StringComparison.Ordinal));
        Assert.Contains(d.Notes, n => n.Message.Contains("is a symlink to ../run/systemd/resolve/stub-resolv.conf", StringComparison.Ordinal));
    }

    [Fact]
    public void The_uplink_file_used_directly_is_systemd_resolved_without_a_stub()
    {
        var d = Detect(SampleFiles.SystemdUplink);
        Assert.Equal(ResolvConfGenerator.SystemdResolved, d.Generator);
        Assert.Equal(StubResolverKind.None, d.StubKind);
        Assert.Contains(d.Notes, n => n.Message.Contains("bypassing the resolved stub", StringComparison.Ordinal));
    }

    [Fact]
    public void WSL_files_are_recognised_with_and_without_dns_tunnelling()
    {
        var tunnel = Detect(SampleFiles.WslTunnel);
        Assert.Equal((ResolvConfGenerator.Wsl, StubResolverKind.WslTunnel), (tunnel.Generator, tunnel.StubKind));
        Assert.Contains(tunnel.Notes, n => n.Line == 1 && n.Message.Contains("generateResolvConf = false", StringComparison.Ordinal));

        var nat = Detect(SampleFiles.WslNat);
        Assert.Equal((ResolvConfGenerator.Wsl, StubResolverKind.None), (nat.Generator, nat.StubKind));
    }

    [Fact]
    public void Docker_embedded_dns_and_its_external_servers()
    {
        var d = Detect(SampleFiles.DockerEmbedded);
        Assert.Equal((ResolvConfGenerator.Docker, StubResolverKind.DockerEmbedded), (d.Generator, d.StubKind));
        var upstream = Assert.Single(d.UpstreamServers);
        Assert.Equal(IPAddress.Parse("127.0.0.53"), upstream.Address);
        Assert.Equal(10, upstream.Line);

        var several = Detect("nameserver 127.0.0.11\n# ExtServers: [192.0.2.53 2001:db8::53]\n");
        Assert.Equal(["192.0.2.53", "2001:db8::53"], several.UpstreamServers.Select(s => s.Address.ToString()));
    }

    [Fact]
    public void NetworkManager_with_a_local_dnsmasq()
    {
        var d = Detect(SampleFiles.NetworkManager);
        Assert.Equal((ResolvConfGenerator.NetworkManager, StubResolverKind.LocalForwarder), (d.Generator, d.StubKind));
        Assert.Contains(d.Notes, n => n.Line == 3 && n.Message.Contains("127.0.1.1 is a forwarder on this machine", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_file_has_no_generator_and_no_stub()
    {
        var d = Detect(SampleFiles.GlibcFourServers);
        Assert.Equal((ResolvConfGenerator.Unknown, StubResolverKind.None), (d.Generator, d.StubKind));
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void Kubernetes_pods_get_a_note_about_ndots_and_the_search_list()
    {
        var d = Detect(SampleFiles.Kubernetes);
        Assert.Contains(d.Notes, n => n.Line == 1 && n.Message.Contains("Kubernetes", StringComparison.Ordinal) && n.Message.Contains("3 search domains", StringComparison.Ordinal));
    }
}
