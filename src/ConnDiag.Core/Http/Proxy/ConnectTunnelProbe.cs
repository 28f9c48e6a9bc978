using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// The proxy stage's probe: decides the route from the settings (direct, NO_PROXY bypass, via the proxy), then
/// connects to the proxy (every address in turn until one accepts), does TLS with an https proxy, sends
/// <c>CONNECT host:port</c> for https targets and classifies the answer. <see cref="OpenAsync"/> hands over the
/// open tunnel for TLS and HTTP through it; <see cref="ProbeAsync"/> only reports.
/// </summary>
public sealed class ConnectTunnelProbe
{
    private readonly IAddressResolver _resolver;

    /// <summary>A probe resolving the proxy's name with <paramref name="resolver"/> (the system resolver when null).</summary>
    public ConnectTunnelProbe(IAddressResolver? resolver = null) => _resolver = resolver ?? SystemAddressResolver.Instance;

    /// <summary>Runs the probe and closes whatever it opened.</summary>
    public async Task<ProxyProbeResult> ProbeAsync(ProxyProbeRequest request, ProxyProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var tunnel = await OpenAsync(request, options, cancellationToken).ConfigureAwait(false);
        return tunnel.Result;
    }

    /// <summary>
    /// Runs the probe and returns the result with the open stream when the way through the proxy is open
    /// (<see cref="ProxyProbeResult.TunnelOpen"/>). Network failures are findings, never exceptions; invalid
    /// options or a target host that cannot be written into a request line throw <see cref="ArgumentException"/>,
    /// and cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<ProxyTunnel> OpenAsync(ProxyProbeRequest request, ProxyProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= ProxyProbeOptions.Default;
        Validate(options);
        var settings = request.Settings;
        var target = request.Target;
        var label = target.ToString();
        var decision = settings.Decide(target.Host, target.Port);
        var rec = new ProxyProbeRecorder(request, decision);

        switch (decision.Route)
        {
            case ProxyRoute.Direct:
                return Done(rec, ProxyTunnelStatus.NotAttempted);
            case ProxyRoute.Bypassed:
                rec.Add(ProxyFindings.Bypassed(settings, decision, label));
                return Done(rec, ProxyTunnelStatus.NotAttempted);
            case ProxyRoute.Unusable:
                rec.Add(ProxyFindings.UrlInvalid(settings));
                return Done(rec, ProxyTunnelStatus.NotAttempted);
        }

        var proxy = decision.Proxy!;
        if (ProxyLoopCheck.SameByName(proxy, target))
        {
            rec.Add(ProxyFindings.Loop(proxy, settings, label, $"The proxy endpoint {proxy.HostPort} and the target {label} are the same host and port."));
            return Done(rec, ProxyTunnelStatus.NotAttempted);
        }

        var resolution = await _resolver.ResolveAsync(proxy.Host, options.Timeout, cancellationToken).ConfigureAwait(false);
        rec.ResolveMs = resolution.DurationMs;
        if (!resolution.Succeeded)
        {
            rec.Add(ProxyFindings.Unresolved(proxy, settings, resolution.Error!));
            return Done(rec, ProxyTunnelStatus.ProxyUnreachable);
        }
        var addresses = resolution.Addresses.Where(a => Allowed(a, options.Family)).ToList();
        if (addresses.Count == 0)
        {
            rec.Add(ProxyFindings.NoAddressOfFamily(proxy, settings, options.Family == AddressFamilyFilter.IPv4 ? "IPv4" : "IPv6", resolution.Addresses));
            return Done(rec, ProxyTunnelStatus.ProxyUnreachable);
        }

        if (ProxyLoopCheck.SharedAddress(addresses, proxy.Port, TargetAddresses(request), target.Port) is { } shared)
        {
            rec.Add(ProxyFindings.Loop(proxy, settings, label,
                $"{proxy.Host} resolves to {shared}, which is also an address of {target.Host}, and both use port {proxy.Port.ToString(CultureInfo.InvariantCulture)}."));
            return Done(rec, ProxyTunnelStatus.NotAttempted);
        }

        Socket? socket = null;
        foreach (var address in addresses)
        {
            var (attempt, s) = await ProxySocketConnector.ConnectAsync(new IPEndPoint(address, proxy.Port), options.Timeout, cancellationToken).ConfigureAwait(false);
            rec.AddAttempt(attempt);
            if (s is null) continue;
            socket = s;
            rec.ConnectMs = attempt.ConnectMs;
            break;
        }
        if (socket is null)
        {
            rec.Add(ProxyFindings.TcpFailed(proxy, settings, rec.Attempts));
            return Done(rec, ProxyTunnelStatus.ProxyUnreachable);
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        var handedOver = false;
        try
        {
            if (proxy.Scheme.IsSocks())
            {
                rec.Add(ProxyFindings.SocksUnsupported(proxy, settings, label, rec.Attempts[^1]));
                return Done(rec, ProxyTunnelStatus.Unsupported);
            }
            if (proxy.Scheme == ProxyScheme.Https)
            {
                var tls = await ProxyTlsAsync(stream, proxy, settings, options, rec, cancellationToken).ConfigureAwait(false);
                if (tls is null) return Done(rec, ProxyTunnelStatus.ProxyTlsFailed);
                stream = tls;
            }
            if (!request.UsesConnect(options))
            {
                handedOver = true;
                return new ProxyTunnel(rec.Finish(ProxyTunnelStatus.NotNeeded), stream);
            }

            var (status, open) = await ConnectAsync(stream, proxy, settings, label, options, rec, cancellationToken).ConfigureAwait(false);
            if (open is null) return Done(rec, status);
            handedOver = true;
            return new ProxyTunnel(rec.Finish(status), open);
        }
        finally
        {
            if (!handedOver) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ProxyTunnel Done(ProxyProbeRecorder rec, ProxyTunnelStatus status) => new(rec.Finish(status), null);

    private static void Validate(ProxyProbeOptions options)
    {
        if (options.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "the proxy timeout must be positive");
        if (options.MaxHeaderBytes < 256) throw new ArgumentOutOfRangeException(nameof(options), options.MaxHeaderBytes, "the header cap must be at least 256 bytes");
        if (options.MaxBodyBytes < 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxBodyBytes, "the body cap cannot be negative");
    }

    private static bool Allowed(IPAddress a, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4 => a.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6 => a.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    /// <summary>
    /// The target's addresses for the loop check, without a lookup: given by an earlier stage, the literal itself,
    /// or loopback for <c>localhost</c> and <c>*.localhost</c> (RFC 6761). With a proxy the client never resolves
    /// the target, so neither does this stage.
    /// </summary>
    private static IReadOnlyList<IPAddress> TargetAddresses(ProxyProbeRequest request)
    {
        if (request.TargetAddresses is { } given) return given;
        if (request.Target.Address is { } literal) return [literal];
        var host = request.Target.Host.TrimEnd('.');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : [];
    }

    private static async Task<Stream?> ProxyTlsAsync(Stream inner, ProxyServer proxy, ProxySettings settings, ProxyProbeOptions options, ProxyProbeRecorder rec, CancellationToken cancellationToken)
    {
        rec.CertificateCheckSkipped = options.SkipProxyCertificateCheck;
        var callback = options.SkipProxyCertificateCheck ? static (_, _, _, _) => true : options.ProxyCertificateValidation;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.Timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = proxy.Host,
                RemoteCertificateValidationCallback = callback,
            }, cts.Token).ConfigureAwait(false);
            rec.TlsMs = sw.Elapsed.TotalMilliseconds;
            rec.TlsProtocol = ssl.SslProtocol.ToString();
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            rec.TlsMs = sw.Elapsed.TotalMilliseconds;
            var message = ex is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"no TLS answer within {options.Timeout.TotalSeconds:0.###} s")
                : ex.Message.TrimEnd('.');
            var certificate = ex is AuthenticationException && ex.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase);
            rec.Add(ProxyFindings.TlsFailed(proxy, settings, message + ".", certificate));
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Sends CONNECT and classifies the answer; returns the open tunnel stream on 2xx, else null.</summary>
    private static async Task<(ProxyTunnelStatus Status, Stream? Open)> ConnectAsync(Stream stream, ProxyServer proxy, ProxySettings settings, string label,
        ProxyProbeOptions options, ProxyProbeRecorder rec, CancellationToken cancellationToken)
    {
        var target = rec.Request.Target;
        var requestBytes = ConnectRequest.Build(target.Host, target.Port, proxy.Credentials);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.Timeout);
        var sw = Stopwatch.StartNew();
        HeadReadResult read;
        try
        {
            await stream.WriteAsync(requestBytes, cts.Token).ConfigureAwait(false);
            await stream.FlushAsync(cts.Token).ConfigureAwait(false);
            read = await ConnectResponseReader.ReadAsync(stream, options.MaxHeaderBytes, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            rec.RoundTripMs = sw.Elapsed.TotalMilliseconds;
            rec.Add(ProxyFindings.NoAnswer(proxy, settings, label, "did not answer within " + Seconds(options.Timeout),
                $"CONNECT {label} sent to {proxy.HostPort}; no complete response head within {Seconds(options.Timeout)}."));
            return (ProxyTunnelStatus.NoAnswer, null);
        }
        catch (IOException ex)
        {
            rec.RoundTripMs = sw.Elapsed.TotalMilliseconds;
            rec.Add(ProxyFindings.NoAnswer(proxy, settings, label, "reset the connection instead of answering",
                $"CONNECT {label} sent to {proxy.HostPort}; the connection failed: {ex.Message}"));
            return (ProxyTunnelStatus.NoAnswer, null);
        }
        rec.RoundTripMs = sw.Elapsed.TotalMilliseconds;

        switch (read.Error)
        {
            case HeadReadError.Closed:
                rec.Add(ProxyFindings.NoAnswer(proxy, settings, label, read.BytesRead == 0 ? "closed the connection without answering" : "closed the connection in the middle of its answer",
                    string.Create(CultureInfo.InvariantCulture, $"CONNECT {label} sent to {proxy.HostPort}; the proxy closed the connection after {read.BytesRead} bytes of answer, {ProxyFindings.Ms(rec.RoundTripMs!.Value)} later.")));
                return (ProxyTunnelStatus.NoAnswer, null);
            case HeadReadError.NotHttp:
                rec.Add(ProxyFindings.NotHttp(proxy, settings, label, read.FirstBytes.Span));
                return (ProxyTunnelStatus.InvalidResponse, null);
            case HeadReadError.TooLarge:
                rec.Add(ProxyFindings.HeadTooLarge(proxy, settings, label, options.MaxHeaderBytes));
                return (ProxyTunnelStatus.InvalidResponse, null);
        }

        var head = read.Head!;
        rec.Head = head;
        rec.StatusCode = head.StatusCode;
        rec.ReasonPhrase = head.ReasonPhrase;
        rec.Schemes = ProxyAuthenticateParser.Schemes(head.StatusCode == 401 && head.Get("Proxy-Authenticate") is null
            ? head.GetAll("WWW-Authenticate")
            : head.GetAll("Proxy-Authenticate"));
        var status = Classify(head.StatusCode);
        if (status == ProxyTunnelStatus.Established)
        {
            return (status, read.Leftover.IsEmpty ? stream : new PrefixedStream(read.Leftover.ToArray(), stream));
        }

        // The page of a refusal often names the policy; read a capped piece of it, briefly.
        var bodyWindow = TimeSpan.FromTicks(Math.Min(options.Timeout.Ticks, TimeSpan.FromSeconds(2).Ticks));
        var body = await RefusalBody.ReadAsync(stream, read.Leftover, head.ContentLength, options.MaxBodyBytes, bodyWindow, cancellationToken).ConfigureAwait(false);
        rec.BodySnippet = RefusalBody.ToSnippet(body, settings.SecretValues);
        rec.Add(ProxyFindings.ForStatus(proxy, settings, label, head, status, rec.Schemes, rec.BodySnippet, rec.RoundTripMs!.Value));
        return (status, null);
    }

    /// <summary>The tunnel verdict for a CONNECT status code.</summary>
    /// <remarks>
    /// 502/504 are the gateway errors; 503 is included because Squid answers a refused or unresolvable upstream
    /// with it (ERR_CONNECT_FAIL, ERR_DNS_FAIL). A 401 to CONNECT can only come from the proxy (no tunnel exists
    /// yet): tinyproxy 1.11 answers wrong credentials with 401 and WWW-Authenticate instead of 407.
    /// </remarks>
    internal static ProxyTunnelStatus Classify(int status) => status switch
    {
        >= 200 and < 300 => ProxyTunnelStatus.Established,
        407 or 401 => ProxyTunnelStatus.AuthRequired,
        403 => ProxyTunnelStatus.Forbidden,
        502 or 503 or 504 => ProxyTunnelStatus.UpstreamFailed,
        _ => ProxyTunnelStatus.Rejected,
    };

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");
}
