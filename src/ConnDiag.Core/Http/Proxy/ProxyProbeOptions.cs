using System.Net.Security;
using ConnDiag.Dns;

namespace ConnDiag.Http.Proxy;

/// <summary>How to probe the way through a proxy.</summary>
/// <param name="Timeout">Limit for each step: resolving the proxy, each TCP connect, the TLS handshake with an https proxy, and the CONNECT answer.</param>
/// <param name="Family">Restrict the proxy's addresses to IPv4 or IPv6.</param>
/// <param name="MaxHeaderBytes">Cap on the CONNECT response's status line and headers together.</param>
/// <param name="MaxBodyBytes">Cap on the error body read after a refused CONNECT (for the policy text in it).</param>
/// <param name="ProxyCertificateValidation">Validation of an https proxy's certificate; null means the system's trust store and name check.</param>
/// <param name="SkipProxyCertificateCheck">Accept any certificate from an https proxy (the result says so).</param>
/// <param name="TunnelHttpTargets">CONNECT also for http targets (curl's <c>--proxytunnel</c>); by default an http target only checks that the proxy accepts connections, because clients send absolute-form requests to it.</param>
public sealed record ProxyProbeOptions(
    TimeSpan Timeout,
    AddressFamilyFilter Family = AddressFamilyFilter.Any,
    int MaxHeaderBytes = ProxyProbeOptions.DefaultMaxHeaderBytes,
    int MaxBodyBytes = ProxyProbeOptions.DefaultMaxBodyBytes,
    RemoteCertificateValidationCallback? ProxyCertificateValidation = null,
    bool SkipProxyCertificateCheck = false,
    bool TunnelHttpTargets = false)
{
    /// <summary>Default per-step timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default header cap (16 KiB, what most proxies allow for a request head too).</summary>
    public const int DefaultMaxHeaderBytes = 16 * 1024;

    /// <summary>Default cap on a refusal's body.</summary>
    public const int DefaultMaxBodyBytes = 8 * 1024;

    /// <summary>Defaults.</summary>
    public static ProxyProbeOptions Default { get; } = new(DefaultTimeout);
}
