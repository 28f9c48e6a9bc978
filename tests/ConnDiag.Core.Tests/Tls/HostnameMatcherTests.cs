using System.Net;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>RFC 6125 host-name rules, against certificates generated in the test.</summary>
public sealed class HostnameMatcherTests
{
    [Theory]
    [InlineData("api.example.test", "api.example.test", true)]
    [InlineData("API.Example.Test", "api.example.test.", true)]
    [InlineData("*.example.test", "api.example.test", true)]
    [InlineData("*.example.test", "example.test", false)]          // the wildcard needs a label
    [InlineData("*.example.test", "a.b.example.test", false)]      // and covers exactly one
    [InlineData("*.test", "example.test", false)]                   // too broad to honour
    [InlineData("f*.example.test", "foo.example.test", false)]      // no partial wildcards
    [InlineData("*oo.example.test", "foo.example.test", false)]
    [InlineData("api.*.test", "api.example.test", false)]           // only in the left-most label
    [InlineData("*.*.example.test", "a.b.example.test", false)]
    [InlineData("*.example.test", "127.0.0.1", false)]
    [InlineData("other.example.test", "api.example.test", false)]
    public void Patterns_follow_RFC_6125(string pattern, string host, bool expected)
    {
        Assert.Equal(expected, HostnameMatcher.PatternMatches(pattern, host));
    }

    [Fact]
    public void The_CN_is_ignored_when_the_certificate_has_subjectAltNames()
    {
        using var root = TestCertificate.Root("root");
        using var leaf = root.Issue("cn-only.example.test", new CertSpec { Dns = ["san.example.test"] });

        Assert.False(HostnameMatcher.Match(leaf.Certificate, "cn-only.example.test").Matches);
        var m = HostnameMatcher.Match(leaf.Certificate, "san.example.test");
        Assert.True(m.Matches);
        Assert.Equal("DNS:san.example.test", m.MatchedBy);
    }

    [Fact]
    public void Without_subjectAltNames_the_CN_is_compared()
    {
        using var root = TestCertificate.Root("root");
        using var leaf = root.Issue("legacy.example.test");

        var m = HostnameMatcher.Match(leaf.Certificate, "legacy.example.test");
        Assert.True(m.Matches);
        Assert.Equal("CN:legacy.example.test", m.MatchedBy);
        Assert.False(HostnameMatcher.Match(leaf.Certificate, "other.example.test").Matches);
    }

    [Fact]
    public void An_IP_address_matches_only_an_IP_entry()
    {
        using var root = TestCertificate.Root("root");
        using var withIp = root.Issue("ip", new CertSpec { Ips = [IPAddress.Parse("127.0.0.1"), IPAddress.IPv6Loopback] });
        using var dnsOnly = root.Issue("127.0.0.1", new CertSpec { Dns = ["127.0.0.1"] });

        Assert.True(HostnameMatcher.Match(withIp.Certificate, "127.0.0.1").Matches);
        Assert.True(HostnameMatcher.Match(withIp.Certificate, "::1").Matches);
        Assert.False(HostnameMatcher.Match(withIp.Certificate, "127.0.0.2").Matches);
        // A DNS entry spelling the address does not count, nor the CN.
        Assert.False(HostnameMatcher.Match(dnsOnly.Certificate, "127.0.0.1").Matches);
    }
}
