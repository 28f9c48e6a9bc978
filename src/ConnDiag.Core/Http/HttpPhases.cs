namespace ConnDiag.Http;

/// <summary>
/// Where the time of one exchange (one request and its response on one fresh connection) went, in the
/// spirit of curl's <c>-w</c> timers but as durations, one row per hop and per attempt.
/// </summary>
/// <remarks>
/// <para>Marks, all on one monotonic clock started when the request is handed to the HTTP handler (t0):</para>
/// <list type="bullet">
/// <item><description>dnsStart: the handler asks for a connection; dnsEnd: the address to connect to is known
/// (the same instant when the address is pinned or the host is an IP literal).</description></item>
/// <item><description>connected: the TCP handshake completed (with a proxy: to the proxy, and TLS to an https proxy).</description></item>
/// <item><description>tunnelled: the proxy answered the CONNECT with 200 (the same instant as connected without a
/// tunnel: direct, or an http URL sent to the proxy in absolute form).</description></item>
/// <item><description>secured: the TLS handshake completed and the certificate was accepted (the same instant
/// as connected for <c>http://</c>).</description></item>
/// <item><description>headers: the status line and all response headers were received.</description></item>
/// <item><description>end: the body was read to its end, to the size cap, or until it failed.</description></item>
/// </list>
/// <para>Durations: <c>Dns = dnsEnd - dnsStart</c>; <c>Connect = connected - dnsEnd</c>;
/// <c>Proxy = tunnelled - connected</c>; <c>Tls = secured - tunnelled</c>; <c>Ttfb = headers - secured</c> (writing the request and its body, and the
/// server's processing); <c>Transfer = end - headers</c>; <c>Total = end - t0</c>, which also holds the handler's
/// own work, so it is at least the sum of the others.</para>
/// <para>curl equivalents: Dns = time_namelookup; Connect = time_connect - time_namelookup;
/// Proxy = the CONNECT round trip, which curl folds into time_appconnect; Tls = time_appconnect - time_connect - Proxy; Ttfb = time_starttransfer - time_appconnect; Transfer = time_total -
/// time_starttransfer. Unlike curl's cumulative marks, redirects are not summed in: each hop has its own row.</para>
/// <para>A phase that was not needed is 0 (Dns when the address is pinned or literal, Tls for <c>http://</c>);
/// a phase never reached because an earlier one failed is null. The phase that failed holds the time until
/// the failure (see <see cref="HttpExchange.FailedPhase"/>). With a proxy, Dns and Connect are the proxy's name
/// and connection, and Proxy is the CONNECT exchange (0 for an http URL, which the proxy fetches itself).</para>
/// </remarks>
/// <param name="DnsMs">Name lookup; 0 when the address was pinned or the host is an IP literal.</param>
/// <param name="ConnectMs">TCP handshake.</param>
/// <param name="TlsMs">TLS handshake including certificate validation; 0 for http.</param>
/// <param name="TtfbMs">Connection ready to response headers received.</param>
/// <param name="TransferMs">Response headers to the end of the body read.</param>
/// <param name="TotalMs">Request handed to the handler to the end of the body read (or the failure).</param>
public sealed record HttpPhases(double? DnsMs, double? ConnectMs, double? TlsMs, double? TtfbMs, double? TransferMs, double TotalMs)
{
    /// <summary>The CONNECT exchange with the proxy; 0 without a tunnel, null when never reached.</summary>
    public double? ProxyMs { get; init; } = 0;
}
