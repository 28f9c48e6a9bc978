using ConnDiag.Diagnosis;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>The target forms both front ends accept, what each means, and the errors for the rest.</summary>
public class EndpointTargetTests
{
    public static TheoryData<string, string?, string, int> Forms => new()
    {
        // input, URL (null: a TCP service target), host, port
        { "https://api.example.com/v1/health", "https://api.example.com/v1/health", "api.example.com", 443 },
        { "http://api.example.com:8080/x?y=1", "http://api.example.com:8080/x?y=1", "api.example.com", 8080 },
        { "HTTPS://API.Example.COM/", "https://api.example.com/", "api.example.com", 443 },
        { "https://[::1]:8443/", "https://[::1]:8443/", "::1", 8443 },
        { "api.example.com", "https://api.example.com/", "api.example.com", 443 },
        { "  api.example.com  ", "https://api.example.com/", "api.example.com", 443 },
        { "api.example.com:443", "https://api.example.com/", "api.example.com", 443 },
        { "api.example.com:80", "http://api.example.com/", "api.example.com", 80 },
        { "127.0.0.1", "https://127.0.0.1/", "127.0.0.1", 443 },
        { "[::1]", "https://[::1]/", "::1", 443 },
        { "::1", "https://[::1]/", "::1", 443 },
        { "[::1]:80", "http://[::1]/", "::1", 80 },
        { "db.internal:5432", null, "db.internal", 5432 },
        { "127.0.0.1:3456", null, "127.0.0.1", 3456 },
        { "[::1]:8443", null, "::1", 8443 },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Each_form_means_a_url_or_a_service_target(string input, string? url, string host, int port)
    {
        Assert.True(EndpointTarget.TryParse(input, out var target, out var error), error);

        Assert.Null(error);
        Assert.Equal(url, target!.Uri?.ToString());
        Assert.Equal(host, target.Target.Host);
        Assert.Equal(port, target.Target.Port);
        Assert.Equal(input.Trim(), target.Input);
        Assert.Equal(url ?? target.Target.ToString(), target.ToString());
    }

    public static TheoryData<string?, string> Errors => new()
    {
        { null, "Empty target" },
        { "", "Empty target" },
        { "   ", "Empty target" },
        { "ftp://files.example.com/a.txt", "scheme 'ftp' is not supported: use http:// or https://, or HOST:PORT" },
        { "ws://api.example.com/", "scheme 'ws' is not supported" },
        { "https://", "is not a valid URL" },
        { "https://alice:hunter2-canary@api.example.com/", "the URL carries user credentials" },
        { "host:99999", "port '99999' is not a number in 1-65535" },
        { "bad host:80", "'bad host:80'" },
        { "[::1", "missing ']'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_targets_are_refused_with_a_specific_message(string? input, string expected)
    {
        Assert.False(EndpointTarget.TryParse(input, out var target, out var error));

        Assert.Null(target);
        Assert.Contains(expected, error);
        var thrown = Assert.Throws<ArgumentException>(() => EndpointTarget.Parse(input!));
        Assert.Contains(expected, thrown.Message);
    }

    [Theory]
    [InlineData("https://alice:hunter2-canary@api.example.com/")]
    [InlineData("ftp://alice:hunter2-canary@files.example.com/")]
    [InlineData("alice:hunter2-canary@api.example.com")]
    [InlineData("alice:hunter2-canary@api.example.com:8443")]
    public void Credentials_in_a_target_are_refused_and_masked_in_the_message(string input)
    {
        Assert.False(EndpointTarget.TryParse(input, out _, out var error));

        Assert.DoesNotContain("hunter2-canary", error);
        Assert.Contains(input.Contains("files.", StringComparison.Ordinal) ? "files.example.com" : "api.example.com", error);
    }
}
