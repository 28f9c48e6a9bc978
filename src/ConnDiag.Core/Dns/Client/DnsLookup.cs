using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Client;

/// <summary>
/// Many names, each asked of every server: at most <c>throttle</c> lookups in flight, answers yielded in
/// input order (per name, the servers in the order given) so several servers line up side by side.
/// </summary>
public static class DnsLookup
{
    public const int DefaultThrottle = 32;
    public const int MaxThrottle = 1024;

    public static async IAsyncEnumerable<DnsAnswer> RunAsync(
        DnsQueryClient client,
        IAsyncEnumerable<DnsName> names,
        DnsRecordType type,
        IReadOnlyList<DnsServer> servers,
        int throttle = DefaultThrottle,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throttle, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(throttle, MaxThrottle);
        if (servers.Count == 0) throw new ArgumentException("at least one server is needed", nameof(servers));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gate = new SemaphoreSlim(throttle);
        // Started lookups in input order; bounded so a fast producer cannot run far ahead of the reader.
        var started = Channel.CreateBounded<Task<DnsAnswer>>(new BoundedChannelOptions(throttle) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var name in names.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    foreach (var server in servers)
                    {
                        await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                        var lookup = QueryAndReleaseAsync(client, name, type, server, gate, stop.Token);
                        await started.Writer.WriteAsync(lookup, stop.Token).ConfigureAwait(false);
                    }
                }
                started.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                started.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var lookup in started.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                yield return await lookup.ConfigureAwait(false);
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The consumer left early (or was cancelled): the producer's cancellation is expected.
            }
            // Lookups already started observe the token and end; wait so no socket outlives the enumeration.
            while (started.Reader.TryRead(out var pending))
            {
                try { await pending.ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
            gate.Dispose();
        }
    }

    /// <summary>Lookups of names already known.</summary>
    public static IAsyncEnumerable<DnsAnswer> RunAsync(
        DnsQueryClient client, IEnumerable<DnsName> names, DnsRecordType type, IReadOnlyList<DnsServer> servers,
        int throttle = DefaultThrottle, CancellationToken cancellationToken = default) =>
        RunAsync(client, ToAsync(names), type, servers, throttle, cancellationToken);

    private static async Task<DnsAnswer> QueryAndReleaseAsync(DnsQueryClient client, DnsName name, DnsRecordType type, DnsServer server, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            // No hop to the thread pool first: the query runs synchronously only up to its send.
            return await client.QueryAsync(name, type, server, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async IAsyncEnumerable<DnsName> ToAsync(IEnumerable<DnsName> names)
    {
        foreach (var n in names) yield return n;
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
