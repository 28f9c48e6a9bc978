using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Dns;

/// <summary>Resolves through the operating system (getaddrinfo: hosts file, nsswitch, resolv.conf).</summary>
public sealed class SystemAddressResolver : IAddressResolver
{
    public static SystemAddressResolver Instance { get; } = new();

    public async Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return new AddressResolution([literal], 0, null, "literal");
        }
        var sw = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, AddressFamily.Unspecified, cts.Token).ConfigureAwait(false);
            // getaddrinfo may list an address once per socket type; the probe wants each address once.
            var distinct = addresses.Distinct().ToArray();
            return new AddressResolution(distinct, sw.Elapsed.TotalMilliseconds, distinct.Length == 0 ? "no addresses returned" : null, "system");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AddressResolution([], sw.Elapsed.TotalMilliseconds, $"no answer from the system resolver within {timeout.TotalSeconds:0.###} s", "system");
        }
        catch (SocketException ex)
        {
            var why = ex.SocketErrorCode switch
            {
                SocketError.HostNotFound => "the name does not exist or has no addresses (getaddrinfo: " + ex.Message + ")",
                SocketError.TryAgain => "the resolver failed temporarily: it refused, timed out or could not be reached (getaddrinfo: " + ex.Message + ")",
                SocketError.NoData => "the name exists but has no address records",
                _ => $"{ex.SocketErrorCode}: {ex.Message}",
            };
            return new AddressResolution([], sw.Elapsed.TotalMilliseconds, why, "system");
        }
    }
}
