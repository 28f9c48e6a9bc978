using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Tcp;

namespace ConnDiag.Http;

/// <summary>
/// Connects straight to the pinned address, or resolves the host and tries its addresses in resolver order
/// until one accepts (like curl without happy eyeballs). Failures carry the same DNS.* and TCP.* findings as
/// the DNS and TCP probes.
/// </summary>
public sealed class DirectHttpConnector : IHttpConnector
{
    private readonly IAddressResolver _resolver;

    public DirectHttpConnector(IAddressResolver? resolver = null) => _resolver = resolver ?? SystemAddressResolver.Instance;

    public static DirectHttpConnector Default { get; } = new();

    public async ValueTask<HttpConnection> ConnectAsync(HttpConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<IPAddress> addresses;
        double dnsMs = 0;
        var port = request.Port;
        if (request.PinnedEndPoint is { } pin)
        {
            addresses = [pin.Address];
            port = pin.Port;
        }
        else
        {
            var resolution = await _resolver.ResolveAsync(request.Host, request.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            dnsMs = resolution.DurationMs;
            if (!resolution.Succeeded)
            {
                throw new HttpConnectException(HttpPhase.Dns, [FindingCatalog.Create(FindingCodes.DnsLookupFailed,
                    $"{request.Host} did not resolve: {resolution.Error}.",
                    $"Lookup through the {resolution.Source} resolver failed after {Ms(resolution.DurationMs)}: {resolution.Error}.")],
                    $"{request.Host} did not resolve: {resolution.Error}");
            }
            addresses = resolution.Addresses.Where(a => Wanted(a, request.Family)).ToList();
            if (addresses.Count == 0)
            {
                var got = resolution.Addresses.Count == 0 ? "no addresses" : string.Join(", ", resolution.Addresses);
                throw new HttpConnectException(HttpPhase.Dns, [FindingCatalog.Create(FindingCodes.DnsNoAddress,
                    $"{request.Host} has no {(request.Family == AddressFamilyFilter.Any ? "" : request.Family + " ")}address.",
                    $"It resolved to {got} ({resolution.Source} resolver).")],
                    $"{request.Host} has no usable address");
            }
        }

        var failures = new List<TcpAttempt>();
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, port);
            var (stream, failure) = await TryConnectAsync(endpoint, request.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            if (stream is not null) return new HttpConnection(stream, endpoint, dnsMs);
            failures.Add(failure!);
        }
        var findings = TcpFindings.For(request.Host, port, failures);
        throw new HttpConnectException(HttpPhase.Connect, findings,
            string.Join("; ", failures.Select(f => $"{f.Endpoint}: {f.Detail}")), dnsMs);
    }

    private static async Task<(Stream? Stream, TcpAttempt? Failure)> TryConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException ex)
        {
            return (null, new TcpAttempt(endpoint.Address, endpoint.Port, SocketErrorClassifier.Classify(ex.SocketErrorCode), 0,
                ex.SocketErrorCode, "could not create a socket: " + SocketErrorClassifier.Describe(ex.SocketErrorCode)));
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(endpoint, cts.Token).ConfigureAwait(false);
            return (new NetworkStream(socket, ownsSocket: true), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Filtered, sw.Elapsed.TotalMilliseconds, null,
                string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s")));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, new TcpAttempt(endpoint.Address, endpoint.Port, SocketErrorClassifier.Classify(ex.SocketErrorCode),
                sw.Elapsed.TotalMilliseconds, ex.SocketErrorCode, SocketErrorClassifier.Describe(ex.SocketErrorCode)));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Wanted(IPAddress a, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4 => a.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6 => a.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");
}
