using ConnDiag.Secrets;

namespace ConnDiag.Core.Tests.Secrets;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("sk-ant-api03-abcdefghijklmnopqrstuvwxyz-Ab12", "sk-ant-…Ab12")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123", "ghp_…0123")]
    [InlineData("0123456789abcdefXYZW", "…XYZW")]
    [InlineData("short-key", "…")]
    [InlineData("twelve-chars", "…")]
    [InlineData("", "")]
    public void Mask_keeps_a_recognisable_prefix_and_the_last_four_of_long_values_only(string value, string expected)
    {
        Assert.Equal(expected, SecretMasker.Mask(value));
    }

    [Fact]
    public void Sensitive_headers_keep_their_scheme_and_cookie_structure()
    {
        var m = SecretMasker.Default;
        Assert.Equal("Bearer sk-ant-…Ab12", m.MaskHeader("authorization", "Bearer sk-ant-api03-abcdefghijklmnop-Ab12"));
        var basic = m.MaskHeader("Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA==");
        Assert.Equal("Basic …ZA==", basic);
        Assert.Equal("a=…; b=…wxyz", m.MaskHeader("Cookie", "a=1; b=abcdefghijklmnopqrstuvwxyz"));
        Assert.Equal("sid=…7890; Path=/; Secure", m.MaskHeader("Set-Cookie", "sid=abcdefghij1234567890; Path=/; Secure"));
        Assert.Equal("…", m.MaskHeader("X-API-KEY", "secret"));
        Assert.Equal("text/plain", m.MaskHeader("Content-Type", "text/plain"));
    }

    [Fact]
    public void Registered_secrets_are_scrubbed_from_any_text_and_caller_marked_headers_are_sensitive()
    {
        var m = SecretMasker.ForHeaders(
            [KeyValuePair.Create("Authorization", "Bearer tok-CANARY-0123456789"), KeyValuePair.Create("X-Internal", "internal-CANARY-value")],
            ["X-Internal"]);

        Assert.True(m.IsSensitiveHeader("x-internal"));
        var text = m.MaskText("echo: Bearer tok-CANARY-0123456789 and internal-CANARY-value and tok-CANARY-0123456789");
        Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        Assert.Contains("Bearer …6789", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_shapes_are_masked_whoever_sent_them()
    {
        var text = SecretMasker.Default.MaskText("key=sk-proj-abcdefghijklmnopqrstuvwx jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl and Bearer abcdefghijklmnop");
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwx", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJzdWIiOiIxMjM0In0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer abcdefghijklmnop", text, StringComparison.Ordinal);
        Assert.Contains("sk-proj-…uvwx", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pa55word@h.example/p?api_key=abcdefghijklmnop1234&page=2", "https://user:…@h.example/p?api_key=…1234&page=2")]
    [InlineData("https://h.example/cb?code=abc&state=x", "https://h.example/cb?code=…&state=x")]
    [InlineData("https://h.example/p?X-Amz-Signature=0123456789abcdef0123", "https://h.example/p?X-Amz-Signature=…0123")]
    [InlineData("https://h.example/plain?page=1", "https://h.example/plain?page=1")]
    public void URLs_lose_passwords_and_secret_query_values(string url, string expected)
    {
        Assert.Equal(expected, SecretMasker.Default.MaskUri(new Uri(url)));
    }

    [Fact]
    public void Location_headers_are_masked_as_URLs()
    {
        Assert.Equal("/next?token=…7890", SecretMasker.Default.MaskHeader("Location", "/next?token=abcdefgh1234567890"));
        Assert.Equal("https://b.example/x?token=…7890", SecretMasker.Default.MaskHeader("location", "https://b.example/x?token=abcdefgh1234567890"));
    }
}
