using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnDiag.Dns;
using ConnDiag.Dns.Transport;
using ConnDiag.Http;
using ConnDiag.Http.Proxy;
using ConnDiag.Tls;

namespace ConnDiag.Diagnosis;

/// <summary>
/// What an operator gives Test-Endpoint or <c>conndiag endpoint</c>, as plain values, turned into
/// <see cref="EndpointDiagnosisOptions"/> in one place so both front ends accept and reject exactly the same input.
/// Secrets (token, password, header values) are never echoed in errors.
/// </summary>
public sealed record EndpointSettings
{
    /// <summary>Request method; null for GET.</summary>
    public string? Method { get; init; }

    /// <summary>Extra request headers, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Request body (UTF-8); null for none.</summary>
    public string? Body { get; init; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer …</c> (masked everywhere).</summary>
    public string? Token { get; init; }

    /// <summary>User name for HTTP Basic authentication (with <see cref="Password"/>).</summary>
    public string? UserName { get; init; }

    /// <summary>Password for HTTP Basic authentication (masked everywhere).</summary>
    public string? Password { get; init; }

    /// <summary>Status codes that count as success; null: 2xx and 3xx (redirects are followed).</summary>
    public IReadOnlyList<int>? ExpectStatus { get; init; }

    /// <summary>A regular expression the response body must match.</summary>
    public string? ExpectBodyPattern { get; init; }

    /// <summary>Total time above which HTTP.SLOW is a warning; null: 500 ms.</summary>
    public double? WarnMs { get; init; }

    /// <summary>Total time above which HTTP.SLOW is an error; null: 2000 ms.</summary>
    public double? CriticalMs { get; init; }

    /// <summary>Send a CORS preflight with this Origin.</summary>
    public string? Origin { get; init; }

    /// <summary>Proxy URL; empty string: no proxy even when the environment sets one; null: the environment's.</summary>
    public string? Proxy { get; init; }

    /// <summary>NO_PROXY-style list; empty string: bypass nothing; null: the environment's.</summary>
    public string? NoProxy { get; init; }

    /// <summary>Also run the HTTP request direct when a proxy carries it, and report the difference.</summary>
    public bool CompareDirect { get; init; }

    /// <summary>Retries of the HTTP request (0-10), with exponential backoff and jitter.</summary>
    public int Retries { get; init; }

    /// <summary>Limit per stage in seconds; null: 5 s per network step and 10 s for the HTTP exchange.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Restrict addresses to IPv4 or IPv6.</summary>
    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;

    /// <summary>Do not validate certificates (the report says validation was off).</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>PEM/DER file (or directory) of extra trusted roots.</summary>
    public string? CaBundle { get; init; }

    /// <summary>DNS servers asked instead of the configured ones (<c>127.0.0.1</c>, <c>tcp://10.0.0.2:53</c>, <c>https://doh.example/dns-query</c>).</summary>
    public IReadOnlyList<string> Resolvers { get; init; } = [];

    /// <summary>Connect to this address (<c>ADDRESS</c> or <c>ADDRESS:PORT</c>, <c>[v6]:PORT</c>) instead of resolving the name.</summary>
    public string? ConnectTo { get; init; }

    /// <summary>Handshake with host:port service targets too.</summary>
    public bool UseTls { get; init; }

    /// <summary>Do not follow redirects.</summary>
    public bool NoRedirect { get; init; }

    /// <summary>Most response body bytes read; null: 1 MiB.</summary>
    public int? MaxBodyBytes { get; init; }

    // The generated ToString would print the token, the password, header values and the body as given: a log
    // line or a debugger display of the settings must not carry them. Header names and the body size stay.
    private bool PrintMembers(StringBuilder builder)
    {
        static string Show(object? value) => value switch
        {
            null => "null",
            IEnumerable<int> list => "[" + string.Join(", ", list) + "]",
            IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        builder.Append("Method = ").Append(Show(Method))
            .Append(", Headers = ").Append(Show(Headers.Select(h => h.Key + ": " + Secrets.SecretMasker.Ellipsis)))
            .Append(", Body = ").Append(Body is null ? "null" : $"({Encoding.UTF8.GetByteCount(Body)} bytes)")
            .Append(", Token = ").Append(Token is null ? "null" : Secrets.SecretMasker.Ellipsis)
            .Append(", UserName = ").Append(Show(UserName))
            .Append(", Password = ").Append(Password is null ? "null" : Secrets.SecretMasker.Ellipsis)
            .Append(", ExpectStatus = ").Append(Show(ExpectStatus))
            .Append(", ExpectBodyPattern = ").Append(Show(ExpectBodyPattern))
            .Append(", WarnMs = ").Append(Show(WarnMs))
            .Append(", CriticalMs = ").Append(Show(CriticalMs))
            .Append(", Origin = ").Append(Show(Origin))
            .Append(", Proxy = ").Append(Proxy is null ? "null" : Secrets.SecretMasker.MaskUrlCredentials(Proxy))
            .Append(", NoProxy = ").Append(Show(NoProxy))
            .Append(", CompareDirect = ").Append(CompareDirect)
            .Append(", Retries = ").Append(Show(Retries))
            .Append(", TimeoutSeconds = ").Append(Show(TimeoutSeconds))
            .Append(", Family = ").Append(Family)
            .Append(", SkipCertificateCheck = ").Append(SkipCertificateCheck)
            .Append(", CaBundle = ").Append(Show(CaBundle))
            .Append(", Resolvers = ").Append(Show(Resolvers))
            .Append(", ConnectTo = ").Append(Show(ConnectTo))
            .Append(", UseTls = ").Append(UseTls)
            .Append(", NoRedirect = ").Append(NoRedirect)
            .Append(", MaxBodyBytes = ").Append(Show(MaxBodyBytes));
        return true;
    }

    /// <summary>Builds the options; false with a specific message naming the bad value and what is expected.</summary>
    public bool TryBuild(out EndpointDiagnosisOptions? options, out string? error)
    {
        options = null;
        try
        {
            options = Build();
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Builds the options.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message says which and what is expected.</exception>
    public EndpointDiagnosisOptions Build()
    {
        if (Token is not null && (UserName is not null || Password is not null))
        {
            throw new ArgumentException("Both a token and a user name/password were given: pass one of them (a request has one Authorization header).");
        }
        if (Password is not null && UserName is null) throw new ArgumentException("A password was given without a user name.");
        if (Token is not null && Token.Trim().Length == 0) throw new ArgumentException("The token is empty.");
        if (Token is not null && Token.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException("The token contains a line break or NUL (copied with a trailing newline?): remove it.");
        }
        if (UserName is not null && UserName.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("The user name contains ':', which HTTP Basic authentication cannot carry.");
        }
        if (TimeoutSeconds is { } t && (double.IsNaN(t) || t <= 0 || t > 300))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Timeout {t} s is out of range: expected more than 0 and at most 300 seconds."));
        }
        if (Retries is < 0 or > HttpProbeOptions.MaxRetries)
        {
            throw new ArgumentException($"Retries {Retries} is out of range: expected 0 to {HttpProbeOptions.MaxRetries}.");
        }
        if (WarnMs is { } w && !(w > 0)) throw new ArgumentException($"WarnMs {w} is out of range: expected more than 0.");
        var warn = WarnMs ?? HttpProbeOptions.Default.WarnMs;
        var critical = CriticalMs ?? Math.Max(HttpProbeOptions.Default.CriticalMs, warn);
        if (critical < warn)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"CriticalMs {critical} is below WarnMs {warn}: the critical threshold must be at least the warning one."));
        }

        var headers = new List<HttpHeaderField>();
        foreach (var (name, value) in Headers)
        {
            headers.Add(new HttpHeaderField(name?.Trim() ?? "", value ?? ""));
        }
        if (Token is not null) headers.Add(new HttpHeaderField("Authorization", "Bearer " + Token.Trim()));
        if (UserName is not null)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + (Password ?? "")));
            headers.Add(new HttpHeaderField("Authorization", "Basic " + pair));
        }
        if (headers.Count(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) > 1)
        {
            throw new ArgumentException("An Authorization header was given twice (as a header and as a token or credential): pass one.");
        }
        var method = string.IsNullOrWhiteSpace(Method) ? "GET" : Method.Trim().ToUpperInvariant();
        // Not `Body is null ? null : bytes`: the null converts to an empty ReadOnlyMemory (via byte[]), not to no body.
        ReadOnlyMemory<byte>? body = null;
        if (Body is not null) body = Encoding.UTF8.GetBytes(Body);

        var stageTimeout = TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : EndpointDiagnosisOptions.Default.Timeout;
        var http = HttpProbeOptions.Default with
        {
            Timeout = TimeoutSeconds is { } s2 ? TimeSpan.FromSeconds(s2) : HttpProbeOptions.Default.Timeout,
            ConnectTimeout = stageTimeout,
            Family = Family,
            ExpectStatus = ExpectStatus,
            ExpectBodyPattern = ExpectBodyPattern,
            WarnMs = warn,
            CriticalMs = critical,
            Origin = Origin,
            Retries = Retries,
            SkipCertificateCheck = SkipCertificateCheck,
            CaBundlePath = CaBundle,
            FollowRedirects = !NoRedirect,
            MaxBodyBytes = MaxBodyBytes ?? HttpProbeOptions.Default.MaxBodyBytes,
        };
        // The same checks the probe makes, now, so a bad header or pattern is one clear error before any target runs.
        HttpProbeValidation.Validate(new HttpProbeRequest(new Uri("https://validation.invalid/")) { Method = method, Headers = headers, Body = body }, http);

        var chain = TlsChainOptions.Default with { SkipCertificateCheck = SkipCertificateCheck };
        if (CaBundle is not null)
        {
            if (!File.Exists(CaBundle) && !Directory.Exists(CaBundle))
            {
                throw new ArgumentException($"CA bundle '{CaBundle}' does not exist: give a PEM or DER file, or a directory of them.");
            }
            try
            {
                chain = chain with { Trust = TlsTrust.FromBundle(CaBundle, CaBundleMode.Add) };
            }
            catch (CertificateFileException ex)
            {
                throw new ArgumentException($"CA bundle '{ex.Path}': {ex.Problem}");
            }
        }

        var servers = new List<DnsServer>();
        foreach (var r in Resolvers)
        {
            if (!DnsServer.TryParse(r, out var server, out var dnsError)) throw new ArgumentException($"Resolver: {dnsError}");
            servers.Add(server!);
        }

        if (Proxy is { Length: > 0 } proxy && !ProxyUrlParser.TryParse(proxy, out _, out var proxyError))
        {
            throw new ArgumentException($"Proxy '{Secrets.SecretMasker.MaskUrlCredentials(proxy)}': {proxyError}");
        }

        var request = headers;
        return EndpointDiagnosisOptions.Default with
        {
            Timeout = stageTimeout,
            Family = Family,
            UseTls = UseTls,
            TlsChain = chain,
            Dns = servers.Count == 0 ? EndpointDiagnosisOptions.Default.Dns : EndpointDiagnosisOptions.Default.Dns with { SystemServers = servers },
            Proxy = new ProxyOptions(Proxy, NoProxy),
            CompareDirect = CompareDirect,
            ConnectTo = ConnectTo is null ? null : ParseConnectTo(ConnectTo),
            Http = http,
            HttpRequest = uri => new HttpProbeRequest(uri) { Method = method, Headers = request, Body = body },
        };
    }

    private static IPEndPoint ParseConnectTo(string text)
    {
        var s = text.Trim();
        if (s.StartsWith('['))
        {
            // IPAddress.TryParse also accepts "[v6]:port" and drops the port, so brackets are taken apart here.
            if (s.EndsWith(']') && IPAddress.TryParse(s[1..^1], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return new IPEndPoint(v6, 0);
            }
            if (s.Contains("]:", StringComparison.Ordinal) && IPEndPoint.TryParse(s, out var endpoint6)
                && endpoint6.AddressFamily == AddressFamily.InterNetworkV6 && endpoint6.Port is > 0 and <= 65535)
            {
                return endpoint6;
            }
        }
        else if (IPAddress.TryParse(s, out var bare))
        {
            return new IPEndPoint(bare, 0);
        }
        else if (s.Count(c => c == ':') == 1 && IPEndPoint.TryParse(s, out var endpoint) && endpoint.Port is > 0 and <= 65535)
        {
            return endpoint;
        }
        throw new ArgumentException($"ConnectTo '{s}' is not an IP address or ADDRESS:PORT (e.g. 127.0.0.1, 127.0.0.1:8443, [::1]:8443): a name would need the lookup it replaces.");
    }
}
