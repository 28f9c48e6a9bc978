using System.Net;
using System.Text;
using ConnDiag.Diagnosis;
using ConnDiag.Dns;
using ConnDiag.Http;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// The one place the front ends' inputs are validated: each bad value gives one specific message, good values
/// land in the right options, and no secret (token, password, header value, proxy password) reaches a message.
/// </summary>
public sealed class EndpointSettingsTests : IDisposable
{
    private const string Token = "sk-canary-token-5e0c8a7b";
    private const string Password = "canary-password-91d2";
    private static readonly Uri Probe = new("https://api.example.com/v1/models");
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<EndpointSettings, string> Invalid => new()
    {
        { new() { Token = Token, UserName = "alice", Password = Password }, "Both a token and a user name/password were given" },
        { new() { Token = Token, Password = Password }, "Both a token and a user name/password were given" },
        { new() { Password = Password }, "A password was given without a user name" },
        { new() { Token = "   " }, "The token is empty" },
        { new() { Token = Token + "\n" }, "The token contains a line break or NUL" },
        { new() { Token = Token + "\0x" }, "The token contains a line break or NUL" },
        { new() { UserName = "al:ice", Password = Password }, "The user name contains ':'" },
        { new() { TimeoutSeconds = 0 }, "Timeout 0 s is out of range: expected more than 0 and at most 300 seconds" },
        { new() { TimeoutSeconds = -1 }, "Timeout -1 s is out of range" },
        { new() { TimeoutSeconds = 301 }, "Timeout 301 s is out of range" },
        { new() { TimeoutSeconds = double.NaN }, "Timeout NaN s is out of range" },
        { new() { Retries = -1 }, "Retries -1 is out of range: expected 0 to 10" },
        { new() { Retries = 11 }, "Retries 11 is out of range" },
        { new() { WarnMs = 0 }, "WarnMs 0 is out of range: expected more than 0" },
        { new() { WarnMs = double.NaN }, "WarnMs NaN is out of range" },
        { new() { WarnMs = 800, CriticalMs = 100 }, "CriticalMs 100 is below WarnMs 800" },
        { new() { CriticalMs = 100 }, "CriticalMs 100 is below WarnMs 500" },
        { new() { Headers = [KeyValuePair.Create("Authorization", "Bearer x")], Token = Token }, "An Authorization header was given twice" },
        { new() { Headers = [KeyValuePair.Create("authorization", "Basic x")], UserName = "alice", Password = Password }, "An Authorization header was given twice" },
        { new() { Headers = [KeyValuePair.Create("Authorization", "a"), KeyValuePair.Create("AUTHORIZATION", "b")] }, "An Authorization header was given twice" },
        { new() { Headers = [KeyValuePair.Create("Bad Name", "v")] }, "header name 'Bad Name' is not a valid HTTP token" },
        { new() { Headers = [KeyValuePair.Create("", "v")] }, "header name '' is not a valid HTTP token" },
        { new() { Method = "GET /" }, "method 'GET /' is not an HTTP method token" },
        { new() { ExpectStatus = [200, 99] }, "ExpectStatus 99 is out of range: use 100 to 599" },
        { new() { ExpectStatus = [600] }, "ExpectStatus 600 is out of range" },
        { new() { ExpectBodyPattern = "([a-z" }, "the body pattern is not a valid regular expression" },
        { new() { Origin = "https://app.example.com/path" }, "origin 'https://app.example.com/path' is not scheme://host[:port]" },
        { new() { MaxBodyBytes = -1 }, "MaxBodyBytes -1 is out of range" },
        { new() { CaBundle = "/nonexistent/conndiag/ca.pem" }, "CA bundle '/nonexistent/conndiag/ca.pem' does not exist: give a PEM or DER file, or a directory of them" },
        { new() { Resolvers = [""] }, "Resolver: empty DNS server" },
        { new() { Resolvers = ["127.0.0.1", "gopher://10.0.0.1"] }, "Resolver: 'gopher://10.0.0.1': unknown scheme 'gopher://'" },
        { new() { Resolvers = ["http://dns.example/dns-query"] }, "Resolver: 'http://dns.example/dns-query': DNS over HTTPS needs https://" },
        { new() { Resolvers = ["127.0.0.1:99999"] }, "Resolver: " },
        { new() { Proxy = "gopher://proxy.example:70" }, "Proxy 'gopher://proxy.example:70': " },
        { new() { ConnectTo = "api.example.com" }, "ConnectTo 'api.example.com' is not an IP address or ADDRESS:PORT" },
        { new() { ConnectTo = "127.0.0.1:0" }, "ConnectTo '127.0.0.1:0'" },
        { new() { ConnectTo = "127.0.0.1:70000" }, "ConnectTo '127.0.0.1:70000'" },
        { new() { ConnectTo = "[::1]:" }, "ConnectTo '[::1]:'" },
        { new() { ConnectTo = "" }, "ConnectTo ''" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_invalid_value_is_one_specific_error(EndpointSettings settings, string expected)
    {
        Assert.False(settings.TryBuild(out var options, out var error));

        Assert.Null(options);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("\n", error);
        var thrown = Assert.Throws<ArgumentException>(settings.Build);
        Assert.Equal(error, thrown.Message);
    }

    public static TheoryData<EndpointSettings> SecretBearing => new()
    {
        new() { Token = Token + "\r\n" },
        new() { Token = Token, UserName = "alice", Password = Password },
        new() { UserName = "al:ice", Password = Password },
        new() { Headers = [KeyValuePair.Create("Authorization", "Bearer " + Token)], Token = Token },
        new() { Headers = [KeyValuePair.Create("x-api-key", Token + "\n")] },
        new() { Headers = [KeyValuePair.Create("Authorization", "Basic " + Password)], UserName = "alice", Password = Password },
        new() { Proxy = $"gopher://alice:{Password}@proxy.example:70" },
        new() { Proxy = $"http://alice:{Password}@" },
        new() { Token = Token, TimeoutSeconds = 0 },
    };

    [Theory]
    [MemberData(nameof(SecretBearing))]
    public void Errors_never_contain_a_secret(EndpointSettings settings)
    {
        Assert.False(settings.TryBuild(out _, out var error));

        Assert.NotNull(error);
        Assert.DoesNotContain(Token, error);
        Assert.DoesNotContain(Password, error);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)), error);
    }

    public static TheoryData<string, string, int> ConnectToForms => new()
    {
        { "127.0.0.1", "127.0.0.1", 0 },
        { " 127.0.0.1 ", "127.0.0.1", 0 },
        { "127.0.0.1:8443", "127.0.0.1", 8443 },
        { "::1", "::1", 0 },
        { "[::1]", "::1", 0 },
        { "[::1]:8443", "::1", 8443 },
        { "[fd00::5]:443", "fd00::5", 443 },
    };

    [Theory]
    [MemberData(nameof(ConnectToForms))]
    public void ConnectTo_takes_an_address_with_or_without_a_port(string text, string address, int port)
    {
        var options = new EndpointSettings { ConnectTo = text }.Build();

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), options.ConnectTo);
    }

    [Fact]
    public void Defaults_build_the_engine_defaults()
    {
        var options = new EndpointSettings().Build();

        Assert.Equal(EndpointDiagnosisOptions.Default.Timeout, options.Timeout);
        Assert.Equal(HttpProbeOptions.Default.Timeout, options.Http.Timeout);
        Assert.Equal(HttpProbeOptions.Default.WarnMs, options.Http.WarnMs);
        Assert.Equal(HttpProbeOptions.Default.CriticalMs, options.Http.CriticalMs);
        Assert.Equal(HttpProbeOptions.Default.MaxBodyBytes, options.Http.MaxBodyBytes);
        Assert.True(options.Http.FollowRedirects);
        Assert.Null(options.ConnectTo);
        Assert.Null(options.Http.ExpectStatus);
        var request = options.HttpRequest!(Probe);
        Assert.Equal("GET", request.Method);
        Assert.Empty(request.Headers);
        Assert.Null(request.Body);
        Assert.Equal(Probe, request.Uri);
    }

    [Fact]
    public void Values_land_in_the_options_of_each_stage()
    {
        var options = new EndpointSettings
        {
            Method = " post ",
            Headers = [KeyValuePair.Create(" X-Trace ", "abc")],
            Body = "{\"q\":1}",
            ExpectStatus = [201, 202],
            ExpectBodyPattern = "ok",
            WarnMs = 3000,
            Origin = "https://app.example.com",
            Proxy = "",
            NoProxy = ".internal",
            CompareDirect = true,
            Retries = 2,
            TimeoutSeconds = 2.5,
            Family = AddressFamilyFilter.IPv6,
            SkipCertificateCheck = true,
            Resolvers = ["127.0.0.1:5353", "tcp://[::1]:53"],
            UseTls = true,
            NoRedirect = true,
            MaxBodyBytes = 4096,
        }.Build();

        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Http.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Http.ConnectTimeout);
        Assert.Equal(3000, options.Http.WarnMs);
        Assert.Equal(3000, options.Http.CriticalMs); // raised to the warning threshold, not left below it
        Assert.Equal([201, 202], options.Http.ExpectStatus);
        Assert.Equal("ok", options.Http.ExpectBodyPattern);
        Assert.Equal("https://app.example.com", options.Http.Origin);
        Assert.Equal(2, options.Http.Retries);
        Assert.True(options.Http.SkipCertificateCheck);
        Assert.True(options.TlsChain.SkipCertificateCheck);
        Assert.False(options.Http.FollowRedirects);
        Assert.Equal(4096, options.Http.MaxBodyBytes);
        Assert.Equal(AddressFamilyFilter.IPv6, options.Family);
        Assert.Equal(AddressFamilyFilter.IPv6, options.Http.Family);
        Assert.True(options.UseTls);
        Assert.True(options.CompareDirect);
        Assert.Equal("", options.Proxy.Proxy);
        Assert.Equal(".internal", options.Proxy.NoProxy);
        Assert.Equal(["127.0.0.1:5353", "tcp://[::1]:53"], options.Dns.SystemServers!.Select(s => s.Text));
        var request = options.HttpRequest!(Probe);
        Assert.Equal("POST", request.Method);
        Assert.Equal([new HttpHeaderField("X-Trace", "abc")], request.Headers);
        Assert.Equal("{\"q\":1}", Encoding.UTF8.GetString(request.Body!.Value.Span));
    }

    [Fact]
    public void A_token_becomes_one_bearer_header_and_a_credential_one_basic_header()
    {
        var bearer = new EndpointSettings { Token = $"  {Token}  " }.Build().HttpRequest!(Probe);
        var basic = new EndpointSettings { UserName = "alice", Password = Password }.Build().HttpRequest!(Probe);

        Assert.Equal([new HttpHeaderField("Authorization", "Bearer " + Token)], bearer.Headers);
        Assert.Equal([new HttpHeaderField("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)))], basic.Headers);
    }

    [Fact]
    public void A_ca_bundle_is_loaded_into_the_tls_trust_and_a_file_that_is_not_one_is_an_error()
    {
        using var pki = new Http.Support.TestCertificates();
        var garbage = Path.Combine(_dir, "not-a-cert.pem");
        File.WriteAllText(garbage, "hello, not a certificate\n");

        var options = new EndpointSettings { CaBundle = pki.RootPemPath }.Build();
        var bad = new EndpointSettings { CaBundle = garbage }.TryBuild(out _, out var error);

        Assert.NotSame(EndpointDiagnosisOptions.Default.TlsChain.Trust, options.TlsChain.Trust);
        Assert.Equal(pki.RootPemPath, options.Http.CaBundlePath);
        Assert.False(bad);
        Assert.StartsWith($"CA bundle '{garbage}': ", error);
    }
}
