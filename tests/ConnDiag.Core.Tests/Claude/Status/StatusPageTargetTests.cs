using ConnDiag.Claude.Status;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude.Status;

/// <summary>
/// Which URL a provider name or a user's URL turns into. Pure functions: the built-in pages are never contacted,
/// and the one test that runs the client for a built-in provider does so through a connector that refuses.
/// </summary>
public sealed class StatusPageTargetTests
{
    [Theory]
    [InlineData("Anthropic")]
    [InlineData("anthropic")]
    [InlineData(" ANTHROPIC ")]
    public void Anthropic_resolves_to_its_built_in_page_ignoring_case(string name)
    {
        var t = StatusPageTarget.ForProvider(name);

        Assert.Equal("Anthropic", t.Provider);
        Assert.Equal("https://status.claude.com", t.PageUrl);
        Assert.Equal(new Uri("https://status.claude.com/api/v2/summary.json"), t.SummaryUrl);
    }

    [Fact]
    public void Every_built_in_provider_is_an_https_page_with_a_unique_name()
    {
        Assert.Equal(StatusProviders.Anthropic, StatusProviders.All[0].Name);
        Assert.Equal(StatusProviders.All.Count, StatusProviders.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var p in StatusProviders.All)
        {
            Assert.Equal("https", p.PageUrl.Scheme);
            Assert.Equal("/", p.PageUrl.AbsolutePath);
            var t = StatusPageTarget.ForProvider(p.Name.ToLowerInvariant());
            Assert.Equal(p.Name, t.Provider);
            Assert.Equal(new Uri(p.PageUrl, StatusPageTarget.SummaryPath), t.SummaryUrl);
        }
    }

    [Fact]
    public void An_unknown_provider_is_an_argument_error_that_lists_the_built_in_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => StatusPageTarget.ForProvider("OpenAI"));
        Assert.Contains("Unknown provider 'OpenAI'", e.Message, StringComparison.Ordinal);
        foreach (var name in StatusProviders.Names) Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://status.example.com", "https://status.example.com", "status.example.com")]
    [InlineData("https://status.example.com/", "https://status.example.com", "status.example.com")]
    [InlineData("status.example.com", "https://status.example.com", "status.example.com")]
    [InlineData("https://status.example.com/api/v2/summary.json", "https://status.example.com", "status.example.com")]
    [InlineData("https://status.example.com/api/v2/status.json", "https://status.example.com", "status.example.com")]
    [InlineData("https://status.example.com/api/v2/", "https://status.example.com", "status.example.com")]
    [InlineData("http://127.0.0.1:8080/pages/x", "http://127.0.0.1:8080/pages/x", "127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/pages/x/api/v2/summary.json", "http://127.0.0.1:8080/pages/x", "127.0.0.1:8080")]
    public void A_url_is_a_page_base_or_its_api_json(string input, string page, string provider)
    {
        var t = StatusPageTarget.FromUrl(input);

        Assert.Equal(page, t.PageUrl);
        Assert.Equal(new Uri(page + "/api/v2/summary.json"), t.SummaryUrl);
        Assert.Equal(provider, t.Provider);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("ftp://status.example.com", "the scheme is 'ftp'")]
    [InlineData("https://user:secret@status.example.com", "user info")]
    [InlineData("https://status.example.com/?page=1", "without a query or fragment")]
    [InlineData("https://status.example.com/#top", "without a query or fragment")]
    [InlineData("https://", "not an absolute URL")]
    public void A_bad_url_is_an_argument_error_that_says_why(string input, string why)
    {
        var e = Assert.Throws<ArgumentException>(() => StatusPageTarget.FromUrl(input));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_for_Anthropic_asks_only_for_the_built_in_host_and_never_reaches_the_network()
    {
        var connector = new RefusingConnector();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var r = await new StatusPageClient(connector: connector).GetAsync(StatusPageTarget.ForProvider("anthropic"), cancellationToken: limit.Token);

        var asked = Assert.Single(connector.Requests);
        Assert.Equal(("status.claude.com", 443), (asked.Host, asked.Port));
        Assert.Equal("Anthropic", r.Provider);
        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.TcpRefused);
    }

    /// <summary>Records the connect request and refuses it: no socket is ever opened.</summary>
    private sealed class RefusingConnector : IHttpConnector
    {
        public List<HttpConnectRequest> Requests { get; } = [];

        public ValueTask<HttpConnection> ConnectAsync(HttpConnectRequest request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(request);
            var refused = FindingCatalog.Create(FindingCodes.TcpRefused, $"{request.Host}:{request.Port} refused (test connector).", "No socket was opened.");
            throw new HttpConnectException(HttpPhase.Connect, [refused], "refused by the test connector");
        }
    }
}
