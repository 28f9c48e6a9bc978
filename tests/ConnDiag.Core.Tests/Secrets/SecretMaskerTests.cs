using ConnDiag.Secrets;

namespace ConnDiag.Core.Tests.Secrets;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("sk-ant-api03-abcdefghijklmnopqrstuvwxyzAb12", "sk-ant-…Ab12")]
    [InlineData("sk-proj-abcdefghijklmnopWXYZ", "sk-proj…WXYZ")]
    [InlineData("sk-abcdefghijklmnopqrstu9876", "sk-…9876")]
    [InlineData("github_pat_11ABCDEFG0123456789_zz", "github_…9_zz")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "…wxyz")]
    [InlineData("sk-ant-short", "****")]
    [InlineData("hunter2", "****")]
    [InlineData("", "****")]
    [InlineData(null, "****")]
    public void Mask_shows_the_kind_and_the_last_four_only_for_long_secrets(string? secret, string expected)
    {
        Assert.Equal(expected, SecretMasker.Mask(secret));
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
        Assert.Equal("a **** b ****", SecretMasker.Scrub("a s3cret b s3cret", ["s3cret"]));
        Assert.Equal("page about x", SecretMasker.Scrub("page about x", ["x", null, ""]));
    }
}
