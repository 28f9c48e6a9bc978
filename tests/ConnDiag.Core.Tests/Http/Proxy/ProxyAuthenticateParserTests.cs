using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

public class ProxyAuthenticateParserTests
{
    [Theory]
    [InlineData(new[] { "Basic realm=\"Tinyproxy\"" }, new[] { "Basic" })]
    [InlineData(new[] { "Negotiate", "NTLM" }, new[] { "Negotiate", "NTLM" })]
    [InlineData(new[] { "Basic realm=\"a, b\", Digest realm=\"x\", nonce=\"y, z\", qop=auth, NTLM" }, new[] { "Basic", "Digest", "NTLM" })]
    [InlineData(new[] { "Negotiate YIIabc123==" }, new[] { "Negotiate" })]
    [InlineData(new[] { "Basic realm=\"x\"", "basic realm=\"y\"" }, new[] { "Basic" })]
    [InlineData(new[] { "Bearer realm=\"a\\\", Fake\"" }, new[] { "Bearer" })]
    [InlineData(new[] { "", " , " }, new string[0])]
    public void Schemes_are_listed_in_order_without_their_parameters(string[] headers, string[] expected)
    {
        Assert.Equal(expected, ProxyAuthenticateParser.Schemes(headers));
    }

    [Theory]
    [InlineData(200, ProxyTunnelStatus.Established)]
    [InlineData(204, ProxyTunnelStatus.Established)]
    [InlineData(407, ProxyTunnelStatus.AuthRequired)]
    [InlineData(401, ProxyTunnelStatus.AuthRequired)]
    [InlineData(403, ProxyTunnelStatus.Forbidden)]
    [InlineData(502, ProxyTunnelStatus.UpstreamFailed)]
    [InlineData(503, ProxyTunnelStatus.UpstreamFailed)]
    [InlineData(504, ProxyTunnelStatus.UpstreamFailed)]
    [InlineData(500, ProxyTunnelStatus.Rejected)]
    [InlineData(405, ProxyTunnelStatus.Rejected)]
    [InlineData(301, ProxyTunnelStatus.Rejected)]
    public void Status_codes_map_to_tunnel_verdicts(int status, ProxyTunnelStatus expected)
    {
        Assert.Equal(expected, ConnectTunnelProbe.Classify(status));
    }
}
