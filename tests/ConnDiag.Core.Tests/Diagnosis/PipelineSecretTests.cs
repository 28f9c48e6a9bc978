using System.Security.Cryptography;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// Two Kestrel apps for the secret tests: the origin, which echoes every credential it gets back in an error body
/// and a response header and redirects to the other one; and the other host, which records what reached it.
/// </summary>
public sealed class SecretServers : IAsyncLifetime
{
    internal TestWebServer Origin { get; private set; } = null!;
    internal TestWebServer Elsewhere { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Elsewhere = await TestWebServer.StartAsync(app => app.MapGet("/landing", () => "landed elsewhere"));
        var elsewhere = $"http://127.0.0.1:{Elsewhere.Port}";
        Origin = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/off", (HttpContext c) =>
            {
                c.Response.StatusCode = 302;
                c.Response.Headers.Location = $"{elsewhere}/landing";
                return Task.CompletedTask;
            });
            // The careless server: it quotes the credentials back, where an error page or a debug header would.
            app.MapGet("/echo", (HttpContext c) =>
            {
                var auth = c.Request.Headers.Authorization.ToString();
                var key = c.Request.Headers["x-api-key"].ToString();
                c.Response.StatusCode = 401;
                c.Response.Headers["X-Debug-Echo"] = $"{auth}; {key}";
                return c.Response.WriteAsync($"invalid credentials: Authorization was '{auth}', x-api-key was '{key}'");
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        await Elsewhere.DisposeAsync();
    }
}

/// <summary>
/// A canary bearer token and a canary API key given the way the front ends give them (<see cref="EndpointSettings"/>)
/// never leave the origin and never appear in anything the engine hands back: the report and its evidence as JSON,
/// finding texts, ToString of every object on the way, and the errors of bad input next to them.
/// </summary>
public sealed class PipelineSecretTests(SecretServers servers) : IClassFixture<SecretServers>
{
    // Random per run, so no fixed text in the code base could make the checks pass or fail by accident.
    private readonly string _token = "sk-ant-canary-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    // No secret shape at all: only the header name (and the registered value) can protect it.
    private readonly string _key = "xk" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private EndpointSettings Settings(int originPort) => new()
    {
        Token = _token,
        Headers = [new("x-api-key", _key), new("X-Trace", "visible-trace-id")],
        // The origin is called by a name pinned to its address, so the redirect to 127.0.0.1 is another host.
        ConnectTo = $"127.0.0.1:{originPort}",
        Proxy = "",
        NoProxy = "",
        WarnMs = 60_000,
        CriticalMs = 120_000,
    };

    private EndpointDiagnosisOptions Options() =>
        Settings(servers.Origin.Port).Build() with { Proxy = new ConnDiag.Http.Proxy.ProxyOptions(UseEnvironment: false) };

    /// <summary>The canaries and their hidden middles: a masked value may keep a prefix and the last four characters, never more.</summary>
    private IEnumerable<string> Secrets() => [_token, _token[..^4], _token["sk-ant-canary-".Length..^4], _key, _key[2..^4]];

    private void AssertClean(string text, string what)
    {
        foreach (var secret in Secrets())
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what} contains a canary: {text}");
        }
    }

    private void AssertReportClean(DiagnosticReport r)
    {
        AssertClean(ProbeHelpers.ToJson(r), "the report as JSON");
        foreach (var s in r.Stages)
        {
            AssertClean(s.Summary, $"stage {s.Stage} summary");
            AssertClean(s.ToString(), $"stage {s.Stage} ToString");
            if (s.Evidence is { } e)
            {
                AssertClean(ProbeHelpers.ToJson(e), $"stage {s.Stage} evidence as JSON");
                AssertClean(e.ToString() ?? "", $"stage {s.Stage} evidence ToString");
            }
        }
        foreach (var f in r.Findings)
        {
            AssertClean($"{f.Code} {f.Summary} {f.Evidence} {f.Remedy} {f}", $"finding {f.Code}");
        }
        AssertClean(r.ToString(), "the report's ToString");
        AssertClean(r.Url ?? "", "the report's URL");
    }

    [Fact]
    public async Task An_off_host_redirect_gets_no_credential_and_is_reported()
    {
        var url = servers.Origin.Url(TestCertificates.ExtraName, "/off");

        var r = await new EndpointDiagnoser().DiagnoseAsync(url, Options());

        // The origin got both credentials: the canaries did go where they were meant to.
        var atOrigin = servers.Origin.Received.Last(q => q.Path == "/off");
        Assert.Contains(atOrigin.Headers, h => h.Key == "Authorization" && h.Value == "Bearer " + _token);
        Assert.Contains(atOrigin.Headers, h => h.Key == "x-api-key" && h.Value == _key);
        // The other host got the request, and not a trace of either.
        var landed = servers.Elsewhere.Received.Where(q => q.Path == "/landing").ToList();
        Assert.NotEmpty(landed);
        foreach (var q in landed)
        {
            Assert.False(q.Has("Authorization") || q.Has("x-api-key"), "a credential reached the other host: " + string.Join(", ", q.Headers.Select(h => h.Key)));
            foreach (var (name, value) in q.Headers) AssertClean($"{name}: {value}", "a header the other host received");
            Assert.True(q.Has("X-Trace"));
        }

        var http = r.Stages.Single(s => s.Stage == "http");
        Assert.Equal(Outcome.Warn, http.Outcome);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.HttpRedirectOffHost);
        Assert.Contains($"127.0.0.1:{servers.Elsewhere.Port}", f.Summary);
        // The headers are named in the order they were given: the x-api-key header, then the token's Authorization.
        Assert.Contains("x-api-key, Authorization were not sent there", f.Summary);
        AssertReportClean(r);
    }

    [Fact]
    public async Task Credentials_echoed_back_in_an_error_body_and_header_are_masked_everywhere()
    {
        var url = servers.Origin.Url(TestCertificates.ExtraName, "/echo");

        var r = await new EndpointDiagnoser().DiagnoseAsync(url, Options());

        Assert.Equal("http", r.FailedStage);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.HttpUnauthorized);
        var result = Assert.IsType<ConnDiag.Http.HttpProbeResult>(r.Stages.Single(s => s.Stage == "http").Evidence);
        // The body was read and kept (masked): the test would see a leak if masking failed.
        Assert.Contains("invalid credentials: Authorization was 'Bearer ", result.Final.BodyPreview);
        Assert.Contains(result.Final.ResponseHeaders, h => h.Name.Equals("X-Debug-Echo", StringComparison.OrdinalIgnoreCase));
        AssertReportClean(r);
    }

    [Fact]
    public async Task A_key_in_the_URL_query_is_masked_in_the_report_and_in_the_target()
    {
        var url = servers.Origin.Url(TestCertificates.ExtraName, $"/echo?api_key={_key}&page=2");
        var target = EndpointTarget.Parse(url.ToString());

        var r = await new EndpointDiagnoser().DiagnoseAsync(target, Options());

        var atOrigin = servers.Origin.Received.Last(q => q.Path.StartsWith("/echo", StringComparison.Ordinal));
        Assert.Contains(_key, atOrigin.Path);
        Assert.Contains("page=2", r.Url);
        AssertReportClean(r);
        AssertClean(target.ToString(), "EndpointTarget.ToString");
        AssertClean(new EndpointSweepResult(target, r).ToString(), "EndpointSweepResult.ToString");
    }

    [Theory]
    [InlineData("ftp://api.test/x?api_key={0}")]
    [InlineData("https://api.test:99999/x?api_key={0}")]
    [InlineData("https://user:{0}@api.test/")]
    public void A_bad_target_is_an_error_that_does_not_quote_a_key_in_it(string format)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, _key);

        Assert.False(EndpointTarget.TryParse(text, out _, out var error));
        Assert.StartsWith("'", error);
        AssertClean(error!, "EndpointTarget.TryParse's error");
        var e = Assert.Throws<ArgumentException>(() => EndpointTarget.Parse(text));
        AssertClean(e.ToString(), "EndpointTarget.Parse's error");
    }

    [Theory]
    [InlineData("ftp://api.test/x?api_key={0}", "scheme 'ftp'")]
    [InlineData("https://api.test:99999/x?api_key={0}", "not a valid URL")]
    public async Task The_diagnoser_rejects_a_bad_URL_without_quoting_a_key_in_it(string format, string expected)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, _key);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => new EndpointDiagnoser().DiagnoseAsync(text, Options()));

        Assert.Contains(expected, e.Message);
        Assert.Contains("api.test", e.Message);
        AssertClean(e.ToString(), "DiagnoseAsync's error");
    }

    [Fact]
    public void ToString_of_the_settings_and_options_never_shows_the_canaries()
    {
        var settings = Settings(servers.Origin.Port);
        var options = settings.Build();

        AssertClean(settings.ToString(), "EndpointSettings.ToString");
        Assert.Contains("Headers = [x-api-key: …, X-Trace: …]", settings.ToString());
        Assert.Contains($"ConnectTo = 127.0.0.1:{servers.Origin.Port}", settings.ToString());
        AssertClean((settings with { UserName = "user", Token = null, Password = _key, Body = _key }).ToString(), "EndpointSettings.ToString with a password");
        AssertClean(options.ToString(), "EndpointDiagnosisOptions.ToString");
        AssertClean(options.Http.ToString(), "HttpProbeOptions.ToString");
        var request = options.HttpRequest!(new Uri("http://api.test/"));
        AssertClean(request.ToString(), "HttpProbeRequest.ToString");
    }

    [Fact]
    public void A_bad_header_next_to_the_token_is_an_error_that_quotes_neither_secret()
    {
        var bad = new[]
        {
            Settings(1) with { Headers = [new("x-api-key", _key), new("Bad Header", _key)] },
            Settings(1) with { Headers = [new("x-api-key", _key + "\r\nX-Injected: 1")] },
            Settings(1) with { Headers = [new("Authorization", "Bearer " + _key)] },
            Settings(1) with { Token = _token + "\n" },
            Settings(1) with { UserName = "user", Password = _key },
        };

        foreach (var settings in bad)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => settings.Build());
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            AssertClean(e.ToString(), "the error");
            Assert.False(settings.TryBuild(out _, out var error));
            AssertClean(error!, "TryBuild's error");
        }
    }
}
