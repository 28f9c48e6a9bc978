using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>NO_PROXY matching: curl's documented rules (ENVIRONMENT, --noproxy, lib/noproxy.c) and the extensions, entry by entry.</summary>
public class NoProxyMatcherTests
{
    [Theory]
    // Host names: the name itself and every name under it, at a label boundary only.
    [InlineData("example.com", "example.com", 443, "example.com")]
    [InlineData("example.com", "a.example.com", 443, "example.com")]
    [InlineData("example.com", "a.b.example.com", 443, "example.com")]
    [InlineData("example.com", "badexample.com", 443, null)]
    [InlineData("example.com", "example.com.evil.org", 443, null)]
    [InlineData("example.com", "com", 443, null)]
    // A leading dot is a domain match that still includes the domain itself.
    [InlineData(".example.com", "example.com", 443, ".example.com")]
    [InlineData(".example.com", "api.example.com", 443, ".example.com")]
    [InlineData(".example.com", "badexample.com", 443, null)]
    [InlineData(".corp.example", "api.corp.example", 443, ".corp.example")]
    // Trailing dots (fully qualified names) on either side are ignored; case does not matter.
    [InlineData("example.com.", "example.com", 443, "example.com.")]
    [InlineData("example.com", "example.com.", 443, "example.com")]
    [InlineData("EXAMPLE.Com", "Api.Example.COM", 443, "EXAMPLE.Com")]
    // '*' only as the whole list; a '*' among others and '*.' wildcards never match in curl.
    [InlineData("*", "anything.example", 443, "*")]
    [InlineData("  *  ", "10.1.2.3", 443, "*")]
    [InlineData("*,example.com", "other.org", 443, null)]
    [InlineData("*.example.com", "a.example.com", 443, null)]
    // Names are never resolved: localhost and 127.0.0.1 are different entries.
    [InlineData("localhost", "localhost", 3456, "localhost")]
    [InlineData("127.0.0.1", "localhost", 3456, null)]
    [InlineData("localhost", "127.0.0.1", 3456, null)]
    // IPv4 addresses and CIDR ranges.
    [InlineData("127.0.0.1", "127.0.0.1", 3456, "127.0.0.1")]
    [InlineData("127.0.0.1", "127.0.0.2", 3456, null)]
    [InlineData("10.0.0.0/8", "10.200.3.4", 443, "10.0.0.0/8")]
    [InlineData("10.0.0.0/8", "11.0.0.1", 443, null)]
    [InlineData("192.168.0.0/16", "192.168.255.1", 443, "192.168.0.0/16")]
    [InlineData("172.16.0.0/12", "172.31.255.255", 443, "172.16.0.0/12")]
    [InlineData("172.16.0.0/12", "172.32.0.1", 443, null)]
    [InlineData("10.0.0.0/8", "10.example", 443, null)]
    [InlineData("127.1", "127.0.0.1", 443, null)]
    // curl reads /0 as "the whole address", and an impossible prefix as nothing.
    [InlineData("127.0.0.0/0", "127.0.0.1", 443, null)]
    [InlineData("127.0.0.0/0", "127.0.0.0", 443, "127.0.0.0/0")]
    [InlineData("10.0.0.0/33", "10.0.0.1", 443, null)]
    // IPv6, with or without brackets on either side, and ranges down to the bit.
    [InlineData("::1", "::1", 443, "::1")]
    [InlineData("[::1]", "[::1]", 443, "[::1]")]
    [InlineData("::1", "[::1]", 443, "::1")]
    [InlineData("[::1]", "::1", 443, "[::1]")]
    [InlineData("::1", "127.0.0.1", 443, null)]
    [InlineData("fd00::/8", "fd12:3456::1", 443, "fd00::/8")]
    [InlineData("fd00::/8", "fe80::1", 443, null)]
    [InlineData("[fd00::]/8", "fdff::1", 443, "[fd00::]/8")]
    [InlineData("2001:db8::/33", "2001:db8:7fff::1", 443, "2001:db8::/33")]
    [InlineData("2001:db8::/33", "2001:db8:8000::1", 443, null)]
    [InlineData("2607:6bc0::/48", "2607:6bc0::10", 443, "2607:6bc0::/48")]
    // Ports (an extension: curl never matches an entry with a port).
    [InlineData("example.com:8080", "example.com", 8080, "example.com:8080")]
    [InlineData("example.com:8080", "api.example.com", 8080, "example.com:8080")]
    [InlineData("example.com:8080", "example.com", 443, null)]
    [InlineData("127.0.0.1:3456", "127.0.0.1", 3456, "127.0.0.1:3456")]
    [InlineData("127.0.0.1:3456", "127.0.0.1", 3457, null)]
    [InlineData("[::1]:3456", "::1", 3456, "[::1]:3456")]
    [InlineData("[::1]:3456", "::1", 80, null)]
    // Separators: commas, spaces, tabs, newlines, repeated; first matching entry wins.
    [InlineData("a.com, b.com", "b.com", 443, "b.com")]
    [InlineData("a.com b.com\tc.com", "c.com", 443, "c.com")]
    [InlineData("a.com,,, ,b.com", "b.com", 443, "b.com")]
    [InlineData("a.example.com,example.com", "a.example.com", 443, "a.example.com")]
    [InlineData("example.com,a.example.com", "a.example.com", 443, "example.com")]
    // Internationalised names are compared as written, not converted.
    [InlineData("bücher.example", "bücher.example", 443, "bücher.example")]
    [InlineData("xn--bcher-kva.example", "bücher.example", 443, null)]
    [InlineData("BÜCHER.example", "bÜcher.EXAMPLE", 443, "BÜCHER.example")]
    [InlineData("BÜCHER.example", "bücher.example", 443, null)]
    // Empty lists and entries.
    [InlineData("", "example.com", 443, null)]
    [InlineData(" , ,", "example.com", 443, null)]
    [InlineData(".", "example.com", 443, null)]
    public void Matches_as_curl_reads_it(string list, string host, int port, string? expectedEntry)
    {
        var matched = NoProxyMatcher.Parse(list).Match(host, port);
        Assert.Equal(expectedEntry, matched?.Text);
    }

    [Fact]
    public void A_null_list_matches_nothing()
    {
        var m = NoProxyMatcher.Parse(null);
        Assert.Empty(m.Entries);
        Assert.Null(m.Match("example.com", 443));
        Assert.False(m.Bypasses("127.0.0.1", 80));
    }

    [Theory]
    [InlineData("*", NoProxyEntryKind.Everything, "*", null)]
    [InlineData(".Corp.Example.", NoProxyEntryKind.Domain, "corp.example", null)]
    [InlineData("10.1.2.3", NoProxyEntryKind.Address, "10.1.2.3", null)]
    [InlineData("[::1]", NoProxyEntryKind.Address, "::1", null)]
    [InlineData("10.0.0.0/8", NoProxyEntryKind.Network, "10.0.0.0/8", null)]
    [InlineData("fd00::/8", NoProxyEntryKind.Network, "fd00::/8", null)]
    [InlineData("host.example:8080", NoProxyEntryKind.Domain, "host.example", 8080)]
    [InlineData("10.0.0.0/40", NoProxyEntryKind.Ignored, null, null)]
    [InlineData("300.1.1.1/8", NoProxyEntryKind.Ignored, null, null)]
    [InlineData("host:99999", NoProxyEntryKind.Ignored, null, null)]
    [InlineData("*.example.com", NoProxyEntryKind.Ignored, null, null)]
    [InlineData("[::1", NoProxyEntryKind.Ignored, null, null)]
    public void Each_entry_says_how_it_is_read(string text, NoProxyEntryKind kind, string? value, int? port)
    {
        var m = NoProxyMatcher.Parse(text);
        var e = Assert.Single(m.Entries);
        Assert.Equal(text.Trim(), e.Text);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(value, e.Value);
        Assert.Equal(port, e.Port);
        if (kind == NoProxyEntryKind.Ignored) Assert.False(string.IsNullOrWhiteSpace(e.Note));
    }

    [Fact]
    public void Entries_that_curl_reads_differently_carry_a_note()
    {
        var m = NoProxyMatcher.Parse("*,*.example.com,example.org:8080,0.0.0.0/0");
        Assert.Equal(4, m.Entries.Count);
        Assert.Contains("whole list", m.Entries[0].Note);
        Assert.Contains("'.example.com'", m.Entries[1].Note);
        Assert.Contains("curl never matches", m.Entries[2].Note);
        Assert.Contains("single address", m.Entries[3].Note);
        Assert.False(m.MatchesEverything);
    }

    [Fact]
    public void A_huge_list_is_capped()
    {
        var list = string.Join(",", Enumerable.Range(0, NoProxyMatcher.MaxEntries + 10).Select(i => $"h{i}.example"));
        var m = NoProxyMatcher.Parse(list);
        Assert.Equal(NoProxyMatcher.MaxEntries, m.Entries.Count);
        Assert.True(m.Truncated);
        Assert.NotNull(m.Match("h0.example", 443));
        Assert.Null(m.Match($"h{NoProxyMatcher.MaxEntries + 5}.example", 443));
    }
}
