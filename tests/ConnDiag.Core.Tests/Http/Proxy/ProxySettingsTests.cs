using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>
/// Where the proxy comes from: curl's environment precedence (checked against curl 7.88 on this machine) and
/// explicit options. The environment is a dictionary, never the process's own.
/// </summary>
public class ProxySettingsTests
{
    private static ProxySettings Env(string scheme, params (string Name, string Value)[] vars) =>
        ProxySettings.Resolve(scheme, ProxyOptions.Default, ProxyEnvironment.From(vars.ToDictionary(v => v.Name, v => v.Value)));

    [Theory]
    [InlineData("https", "https_proxy=http://lower:1,HTTPS_PROXY=http://upper:2,all_proxy=http://all:3", "https_proxy", "lower")]
    [InlineData("https", "HTTPS_PROXY=http://upper:2,all_proxy=http://all:3", "HTTPS_PROXY", "upper")]
    [InlineData("https", "https_proxy=,HTTPS_PROXY=http://upper:2", "HTTPS_PROXY", "upper")]
    [InlineData("https", "all_proxy=http://all:3,ALL_PROXY=http://ALL:4", "all_proxy", "all")]
    [InlineData("https", "ALL_PROXY=http://ALL:4", "ALL_PROXY", "ALL")]
    [InlineData("https", "http_proxy=http://plain:5,ALL_PROXY=http://ALL:4", "ALL_PROXY", "ALL")]
    [InlineData("http", "http_proxy=http://lower:1,all_proxy=http://all:3", "http_proxy", "lower")]
    // curl never reads HTTP_PROXY (httpoxy): an http target falls through to all_proxy.
    [InlineData("http", "HTTP_PROXY=http://upper:2,ALL_PROXY=http://ALL:4", "ALL_PROXY", "ALL")]
    [InlineData("HTTPS", "HTTPS_PROXY=http://upper:2", "HTTPS_PROXY", "upper")]
    public void The_proxy_variable_follows_curls_precedence(string scheme, string vars, string source, string host)
    {
        var pairs = vars.Split(',').Select(v => v.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
        var s = Env(scheme, pairs);
        Assert.NotNull(s.Proxy);
        Assert.Equal(host, s.Proxy!.Host);
        Assert.Equal(new ProxyValueSource(ProxySourceKind.Environment, source), s.ProxySource);
        Assert.Equal(scheme.ToLowerInvariant(), s.TargetScheme);
    }

    [Fact]
    public void HTTP_PROXY_alone_is_ignored_for_http_targets_and_the_decision_lists_what_was_read()
    {
        var s = Env("http", ("HTTP_PROXY", "http://upper:2"));
        Assert.Null(s.Proxy);
        Assert.Equal(["http_proxy", "all_proxy", "ALL_PROXY"], s.Consulted);
        var d = s.Decide("example.com", 80);
        Assert.Equal(ProxyRoute.Direct, d.Route);
        Assert.Contains("http_proxy, all_proxy, ALL_PROXY are unset", d.Reason);
    }

    [Fact]
    public void An_https_proxy_variable_does_not_apply_to_http_targets()
    {
        var s = Env("http", ("https_proxy", "http://p:1"), ("HTTPS_PROXY", "http://p:2"));
        Assert.False(s.IsConfigured);
        Assert.Equal(ProxyRoute.Direct, s.Decide("example.com", 80).Route);
    }

    [Theory]
    [InlineData("no_proxy=.lower,NO_PROXY=.upper", "no_proxy", ".lower")]
    [InlineData("NO_PROXY=.upper", "NO_PROXY", ".upper")]
    [InlineData("no_proxy=,NO_PROXY=.upper", "NO_PROXY", ".upper")]
    public void NO_PROXY_is_read_lower_case_first(string vars, string source, string raw)
    {
        var pairs = vars.Split(',').Select(v => v.Split('=', 2)).Select(p => (p[0], p[1])).Append(("HTTPS_PROXY", "http://p:1")).ToArray();
        var s = Env("https", pairs);
        Assert.Equal(raw, s.NoProxy.Raw);
        Assert.Equal(new ProxyValueSource(ProxySourceKind.Environment, source), s.NoProxySource);
    }

    [Fact]
    public void Explicit_options_win_over_the_environment()
    {
        var env = ProxyEnvironment.From(new Dictionary<string, string> { ["HTTPS_PROXY"] = "http://env:1", ["NO_PROXY"] = "*" });
        var s = ProxySettings.Resolve("https", new ProxyOptions(Proxy: "http://opt:2", NoProxy: ".internal"), env);
        Assert.Equal("opt", s.Proxy!.Host);
        Assert.Equal(new ProxyValueSource(ProxySourceKind.Option, "Proxy"), s.ProxySource);
        Assert.Equal(".internal", s.NoProxy.Raw);
        Assert.Equal(new ProxyValueSource(ProxySourceKind.Option, "NoProxy"), s.NoProxySource);
        Assert.Empty(s.Consulted);
        Assert.Equal(ProxyRoute.ViaProxy, s.Decide("api.example.com", 443).Route);
    }

    [Fact]
    public void An_explicit_proxy_still_honours_the_environments_NO_PROXY_as_curl_does()
    {
        var env = ProxyEnvironment.From(new Dictionary<string, string> { ["NO_PROXY"] = "direct.example" });
        var s = ProxySettings.Resolve("https", new ProxyOptions(Proxy: "http://opt:2"), env);
        Assert.Equal(ProxyRoute.Bypassed, s.Decide("direct.example", 443).Route);
        Assert.Equal(ProxyRoute.ViaProxy, s.Decide("somewhere.example", 443).Route);
    }

    [Fact]
    public void An_empty_proxy_option_turns_the_proxy_off_and_an_empty_NoProxy_option_clears_NO_PROXY()
    {
        var env = ProxyEnvironment.From(new Dictionary<string, string> { ["HTTPS_PROXY"] = "http://env:1", ["NO_PROXY"] = "*" });
        var off = ProxySettings.Resolve("https", new ProxyOptions(Proxy: ""), env);
        Assert.False(off.IsConfigured);
        var d = off.Decide("example.com", 443);
        Assert.Equal(ProxyRoute.Direct, d.Route);
        Assert.Contains("option Proxy is empty", d.Reason);

        var noBypass = ProxySettings.Resolve("https", new ProxyOptions(NoProxy: ""), env);
        Assert.Equal("env", noBypass.Proxy!.Host);
        Assert.Empty(noBypass.NoProxy.Entries);
        Assert.Equal(ProxyRoute.ViaProxy, noBypass.Decide("example.com", 443).Route);
    }

    [Fact]
    public void Without_the_environment_only_options_count()
    {
        var env = ProxyEnvironment.From(new Dictionary<string, string> { ["HTTPS_PROXY"] = "http://env:1", ["no_proxy"] = "x" });
        var s = ProxySettings.Resolve("https", new ProxyOptions(UseEnvironment: false), env);
        Assert.False(s.IsConfigured);
        Assert.Null(s.NoProxySource);
        Assert.Empty(s.Consulted);
    }

    [Fact]
    public void A_credential_option_replaces_the_credentials_in_the_url()
    {
        var s = ProxySettings.Resolve("https", new ProxyOptions(Proxy: "http://url-user:url-pass@p:3128", Credentials: new ProxyCredentials("opt-user", "opt-pass")),
            ProxyEnvironment.From(new Dictionary<string, string>()));
        Assert.Equal("opt-user", s.Proxy!.Credentials!.ToNetworkCredential().UserName);
        Assert.Equal("opt-pass", s.Proxy.Credentials.ToNetworkCredential().Password);
        Assert.Equal("http://opt-user:****@p:3128", s.Proxy.Url);
    }

    [Fact]
    public void An_unusable_proxy_url_is_reported_not_thrown_and_a_bypass_still_wins()
    {
        var s = Env("https", ("HTTPS_PROXY", "ftp://proxy.example:21"), ("NO_PROXY", ".corp.example"));
        Assert.Null(s.Proxy);
        Assert.Contains("unsupported proxy scheme 'ftp'", s.ProxyError);
        Assert.True(s.IsConfigured);
        Assert.Equal(ProxyRoute.Unusable, s.Decide("api.example.com", 443).Route);
        Assert.Equal(ProxyRoute.Bypassed, s.Decide("api.corp.example", 443).Route);
    }

    [Fact]
    public void The_bypass_decision_names_the_entry_and_its_source()
    {
        var s = Env("https", ("HTTPS_PROXY", "http://proxy.corp.example:3128"), ("NO_PROXY", "localhost,.corp.example"));
        var d = s.Decide("api.corp.example", 443);
        Assert.Equal(ProxyRoute.Bypassed, d.Route);
        Assert.Equal(".corp.example", d.MatchedEntry!.Text);
        Assert.Equal("NO_PROXY entry '.corp.example' (environment variable NO_PROXY) matched api.corp.example:443", d.Reason);
        Assert.Equal("proxy.corp.example", d.Proxy!.Host);
    }

    [Fact]
    public void The_process_environment_reader_is_the_real_one()
    {
        // Read-only check; the tests never set proxy variables in this process.
        Assert.Equal(System.Environment.GetEnvironmentVariable("PATH"), ProxyEnvironment.Process("PATH"));
    }
}
