using System.Diagnostics;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Client;

/// <summary>
/// ConnDiag's own DNS client: one question to one server, every attempt recorded. Ids come from a
/// cryptographic random source, fresh for every attempt; a response counts only when its id, question
/// name (ignoring case), type and class match, and anything else is ignored, counted and waited past.
/// Timeouts and transport failures are retried (<see cref="DnsQueryOptions.Retries"/>); an answer of any
/// response code is not. A truncated UDP answer is asked again over TCP. Nothing is cached.
/// </summary>
public sealed class DnsQueryClient : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<System.Net.IPEndPoint, Lazy<UdpMultiplexer>> _shared = new();

    public DnsQueryClient(DnsQueryOptions? options = null)
    {
        Options = options ?? new DnsQueryOptions();
        Options.Validate();
    }

    public DnsQueryOptions Options { get; }

    /// <summary>
    /// With <see cref="DnsQueryOptions.ShareUdpSockets"/>: datagrams whose id matched no query in flight (late
    /// answers after a timeout, or spoofing), which cannot be counted on any one lookup. Always 0 otherwise.
    /// </summary>
    public long UnattributedResponses => _shared.Values.Where(l => l.IsValueCreated).Sum(l => l.Value.UnattributedResponses);

    /// <summary>Closes the shared sockets of <see cref="DnsQueryOptions.ShareUdpSockets"/> (nothing else holds resources).</summary>
    public void Dispose()
    {
        foreach (var lazy in _shared.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        }
        _shared.Clear();
    }

    private UdpMultiplexer SharedFor(System.Net.IPEndPoint server) =>
        _shared.GetOrAdd(server, ep => new Lazy<UdpMultiplexer>(() => new UdpMultiplexer(ep, Options.UdpSocketsPerServer, Options.MaxResponseBytes))).Value;

    /// <summary>Asks <paramref name="server"/> for <paramref name="name"/>; throws <see cref="ArgumentException"/> for a malformed name.</summary>
    public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, DnsServer server, CancellationToken cancellationToken = default) =>
        QueryAsync(DnsName.Parse(name), type, server, cancellationToken);

    /// <summary>
    /// Asks <paramref name="server"/> for <paramref name="name"/> and returns what happened: never throws for
    /// anything the network or the server does (that is in the answer's attempts and findings), only for
    /// cancellation by <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task<DnsAnswer> QueryAsync(DnsName name, DnsRecordType type, DnsServer server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(server);
        var started = Stopwatch.GetTimestamp();
        var question = new DnsQuestion(name.Text, type, Options.QueryClass);
        var run = new Run(this, name, question, server);

        var first = server.Transport == DnsTransport.Udp && Options.UseTcpOnly ? DnsTransport.Tcp : server.Transport;
        var final = await run.TryAsync(first, cancellationToken).ConfigureAwait(false);
        var tcpFallbackFailed = false;
        if (final.Response is { Header.Truncated: true } && first == DnsTransport.Udp && Options.UseTcpFallback)
        {
            var tcp = await run.TryAsync(DnsTransport.Tcp, cancellationToken).ConfigureAwait(false);
            if (tcp.Response is not null) final = tcp;
            else tcpFallbackFailed = true;
        }

        var response = final.Response;
        var hasData = response is not null && DnsFindings.HasData(response);
        var negativeTtl = response is null ? null : DnsFindings.NegativeTtl(response, hasData);
        var findings = DnsFindings.Evaluate(question, server, response, run.Attempts, tcpFallbackFailed, negativeTtl, hasData);
        var ignored = 0;
        foreach (var a in run.Attempts) ignored += a.IgnoredResponses;
        return new DnsAnswer(
            question.Name,
            type,
            server.Text,
            run.Attempts.Count > 0 ? (response is null ? run.Attempts[^1].Transport : final.Transport) : first,
            response?.ResponseCode,
            response?.Header,
            response?.Answers ?? [],
            response?.Authorities ?? [],
            response?.Additionals ?? [],
            response?.Edns,
            final.ResponseSizeBytes,
            run.Attempts,
            ignored,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            negativeTtl,
            findings);
    }

    /// <summary>A fresh transaction id from the CSPRNG (RFC 5452 §9.2: ids must not be guessable).</summary>
    internal static ushort NewId() => QueryIds.Next();

    private byte[] BuildQuery(ushort id, DnsName name, DnsRecordType type) =>
        DnsQueryWriter.Build(id, name, type, Options.Recursion,
            Options.UseEdns || Options.RequestDnssec ? DnsEdns.ForQuery(Options.ExtendedDnsBufferSize, Options.RequestDnssec) : null,
            Options.QueryClass, Options.CheckingDisabled);

    /// <summary>The attempts of one lookup: retries per transport, and the GET fallback of DoH after a 405.</summary>
    private sealed class Run(DnsQueryClient client, DnsName name, DnsQuestion question, DnsServer server)
    {
        private bool _useGet;

        public List<DnsAttempt> Attempts { get; } = [];

        public async Task<Final> TryAsync(DnsTransport transport, CancellationToken cancellationToken)
        {
            var options = client.Options;
            var target = server.Over(transport);
            Final last = default;
            for (var i = 0; i <= options.Retries; i++)
            {
                last = await OnceAsync(target, transport, cancellationToken).ConfigureAwait(false);
                if (last.Response is null && last.HttpStatus == 405 && transport == DnsTransport.Https && !_useGet)
                {
                    // RFC 8484 servers must support both methods, but some only do GET: switch for the rest of the lookup.
                    _useGet = true;
                    last = await OnceAsync(target, transport, cancellationToken).ConfigureAwait(false);
                }
                if (last.Response is not null) return last;
            }
            return last;
        }

        private async Task<Final> OnceAsync(DnsServer target, DnsTransport transport, CancellationToken cancellationToken)
        {
            var options = client.Options;
            var clock = Stopwatch.GetTimestamp();
            ExchangeResult result;
            ushort id = 0;
            if (transport == DnsTransport.Udp && options.ShareUdpSockets)
            {
                // The shared socket picks an id no other query in flight on it uses.
                result = await client.SharedFor(target.EndPoint!).ExchangeAsync(
                    chosen =>
                    {
                        id = chosen;
                        return client.BuildQuery(chosen, name, question.Type);
                    },
                    question, options.Timeout, cancellationToken).ConfigureAwait(false);
                return Record(target, transport, id, clock, result, cancellationToken);
            }
            id = NewId();
            var query = client.BuildQuery(id, name, question.Type);
            result = transport switch
            {
                DnsTransport.Udp => await UdpExchange.RunAsync(target.EndPoint!, query, id, question, options.MaxResponseBytes, options.Timeout, cancellationToken).ConfigureAwait(false),
                DnsTransport.Tcp => await TcpExchange.RunAsync(target.EndPoint!, query, id, question, options.MaxResponseBytes, options.Timeout, cancellationToken).ConfigureAwait(false),
                _ => await HttpsExchange.RunAsync(target.Url!, _useGet, query, id, question,
                    new HttpsSettings(options.HttpsTrustedCertificates, options.HttpsUseProxy), options.MaxResponseBytes, options.Timeout, cancellationToken).ConfigureAwait(false),
            };
            return Record(target, transport, id, clock, result, cancellationToken);
        }

        private Final Record(DnsServer target, DnsTransport transport, ushort id, long clock, ExchangeResult result, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Attempts.Add(new DnsAttempt(
                Attempts.Count + 1,
                target.Address,
                transport,
                transport == DnsTransport.Https ? (_useGet ? "GET" : "POST") : null,
                id,
                Stopwatch.GetElapsedTime(clock).TotalMilliseconds,
                result.Outcome,
                result.Error,
                result.Response?.ResponseCode,
                result.ResponseSizeBytes,
                result.Ignored.Count,
                result.Ignored.Reasons,
                result.HttpStatus));
            return new Final(result.Response, result.ResponseSizeBytes, transport, result.HttpStatus);
        }
    }

    private readonly record struct Final(DnsMessage? Response, int? ResponseSizeBytes, DnsTransport Transport, int? HttpStatus);
}
