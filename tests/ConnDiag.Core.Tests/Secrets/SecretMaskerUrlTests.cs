using ConnDiag.Secrets;

namespace ConnDiag.Core.Tests.Secrets;

public class SecretMaskerUrlTests
{
    // Mask's exact shape may differ between the parts that define it (this branch's and the HTTP probe's); what
    // must hold for both: the kind prefix and the last four stay, the middle never shows, short values vanish.
    [Fact]
    public void Mask_keeps_the_kind_and_the_last_four_of_a_long_key_only()
    {
        var masked = SecretMasker.Mask("sk-ant-api03-abcdefghijklmnopqrstuvwxyzAb12");
        Assert.StartsWith("sk-ant-", masked);
        Assert.EndsWith(SecretMasker.Ellipsis + "Ab12", masked);
        Assert.DoesNotContain("mnopq", masked);
        foreach (var shortSecret in new[] { "hunter2", "sk-ant-x" })
        {
            var m = SecretMasker.Mask(shortSecret);
            Assert.DoesNotContain("hunt", m);
            Assert.DoesNotContain("er2", m);
            Assert.DoesNotContain("-x", m);
        }
    }

    [Theory]
    [InlineData("http://alice:s3cret@proxy:3128", "http://alice:****@proxy:3128")]
    [InlineData("https://alice:s3cret@proxy:3128/path?q=1", "https://alice:****@proxy:3128/path?q=1")]
    [InlineData("http://token123@proxy", "http://****@proxy")]
    [InlineData("alice:pw@proxy:3128", "alice:****@proxy:3128")]
    [InlineData("http://alice:p@ss@proxy:3128", "http://alice:****@proxy:3128")]
    [InlineData("http://alice:pa/ss@proxy:3128", "http://alice:****@proxy:3128")]
    [InlineData("http://alice:pa?s#s@proxy:3128", "http://alice:****@proxy:3128")]
    [InlineData("http://proxy:3128", "http://proxy:3128")]
    [InlineData("https://api.example.com/v1/users/bob@example.com", "https://api.example.com/v1/users/bob@example.com")]
    [InlineData("https://x.example/?mail=a@b.example", "https://x.example/?mail=a@b.example")]
    [InlineData("", "")]
    public void MaskUrlCredentials_hides_passwords_and_token_user_names(string url, string expected)
    {
        Assert.Equal(expected, SecretMasker.MaskUrlCredentials(url));
    }

    [Fact]
    public void Scrub_replaces_every_occurrence_and_leaves_tiny_values_alone()
    {
        Assert.Equal("a **** b ****", SecretMasker.Scrub("a s3cr3t b s3cr3t", ["s3cr3t"]));
        Assert.Equal("page about cats", SecretMasker.Scrub("page about cats", ["cats", null, ""]));
    }
}
