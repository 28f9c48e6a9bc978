using System.Net;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Core.Tests.Dns.Transport;

/// <summary>How servers are written: bare addresses, ports, schemes, IPv6 in brackets, and clear refusals.</summary>
public sealed class DnsServerTests
{
    [Theory]
    [InlineData("1.1.1.1", DnsTransport.Udp, "1.1.1.1", 53, "1.1.1.1:53")]
    [InlineData("1.1.1.1:5353", DnsTransport.Udp, "1.1.1.1", 5353, "1.1.1.1:5353")]
    [InlineData(" 127.0.0.1 ", DnsTransport.Udp, "127.0.0.1", 53, "127.0.0.1:53")]
    [InlineData("udp://9.9.9.9", DnsTransport.Udp, "9.9.9.9", 53, "9.9.9.9:53")]
    [InlineData("UDP://9.9.9.9:54", DnsTransport.Udp, "9.9.9.9", 54, "9.9.9.9:54")]
    [InlineData("tcp://9.9.9.9", DnsTransport.Tcp, "9.9.9.9", 53, "tcp://9.9.9.9:53")]
    [InlineData("tcp://[::1]:5353", DnsTransport.Tcp, "::1", 5353, "tcp://[::1]:5353")]
    [InlineData("[::1]:5353", DnsTransport.Udp, "::1", 5353, "[::1]:5353")]
    [InlineData("[::1]", DnsTransport.Udp, "::1", 53, "[::1]:53")]
    [InlineData("::1", DnsTransport.Udp, "::1", 53, "[::1]:53")]
    [InlineData("2001:db8::53", DnsTransport.Udp, "2001:db8::53", 53, "[2001:db8::53]:53")]
    public void Address_forms_parse(string text, DnsTransport transport, string address, int port, string shown)
    {
        var s = DnsServer.Parse(text);

        Assert.Equal(transport, s.Transport);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), s.EndPoint);
        Assert.Null(s.Url);
        Assert.Equal(shown, s.Text);
        Assert.Equal(shown, s.ToString());
    }

    [Theory]
    [InlineData("https://dns.example/dns-query", "https://dns.example/dns-query")]
    [InlineData("https://dns.example", "https://dns.example/dns-query")]
    [InlineData("https://127.0.0.1:8443/resolve?ct=1", "https://127.0.0.1:8443/resolve?ct=1")]
    [InlineData("https://[::1]:8443/dns-query", "https://[::1]:8443/dns-query")]
    public void DoH_URLs_parse(string text, string url)
    {
        var s = DnsServer.Parse(text);

        Assert.Equal(DnsTransport.Https, s.Transport);
        Assert.Null(s.EndPoint);
        Assert.Equal(url, s.Url!.ToString());
        Assert.Equal(url, s.Text);
    }

    [Theory]
    [InlineData("", "empty DNS server")]
    [InlineData("dns.google", "'dns.google' is not an IP address")]
    [InlineData("1.1.1", "is not an IP address")]
    [InlineData("300.1.1.1", "is not an IP address")]
    [InlineData("1.1.1.1:0", "port '0' is not a number in 1-65535")]
    [InlineData("1.1.1.1:65536", "port '65536'")]
    [InlineData("1.1.1.1:abc", "port 'abc'")]
    [InlineData("1.1.1.1:", "port ''")]
    [InlineData("[::1", "missing ']'")]
    [InlineData("[::1]x", "expected ':PORT' after ']'")]
    [InlineData("[1.2.3.4]:53", "in brackets is not an IPv6 address")]
    [InlineData("http://dns.example/dns-query", "needs https://")]
    [InlineData("tls://1.1.1.1", "DNS over TLS is not supported yet")]
    [InlineData("ftp://1.1.1.1", "unknown scheme 'ftp://'")]
    [InlineData("https://user:pw@dns.example/", "credentials")]
    [InlineData("https://", "not a valid URL")]
    [InlineData("tcp://", "no address")]
    public void Bad_servers_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(DnsServer.TryParse(text, out var server, out var error));
        Assert.Null(server);
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => DnsServer.Parse(text)).Message);
    }

    [Fact]
    public void A_GET_URL_carries_the_message_in_base64url_without_padding()
    {
        byte[] query = [0xfb, 0xff, 0x01];

        var url = HttpsExchange.WithDnsParameter(new Uri("https://dns.example/dns-query?ct=1"), query);

        Assert.Equal("https://dns.example/dns-query?ct=1&dns=-_8B", url.ToString());
        Assert.Equal("https://dns.example/q?dns=-_8B", HttpsExchange.WithDnsParameter(new Uri("https://dns.example/q"), query).ToString());
    }
}
