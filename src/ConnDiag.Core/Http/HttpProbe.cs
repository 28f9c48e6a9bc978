using System.Diagnostics;
using ConnDiag.Dns;
using ConnDiag.Http.Transport;
using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Http;

/// <summary>
/// Makes one HTTP request the way a diagnosis needs it: over the address the TCP stage proved (or any pinned
/// one) with Host and SNI still the URL's name, redirects followed by hand with credentials kept to the
/// original host, body and headers capped, phases timed on every hop and every attempt, and the answer
/// classified into findings (status codes, resets, timeouts, TLS/plain mix-ups, CORS, slowness).
/// </summary>
public sealed class HttpProbe
{
    private readonly IHttpConnector _connector;
    private readonly Func<double> _jitter;

    /// <param name="resolver">Name lookup for hosts that are not pinned (system resolver by default).</param>
    /// <param name="connector">The connect step; overrides <paramref name="resolver"/> (e.g. a proxy tunnel).</param>
    public HttpProbe(IAddressResolver? resolver = null, IHttpConnector? connector = null)
        : this(connector ?? new DirectHttpConnector(resolver), Random.Shared.NextDouble)
    {
    }

    internal HttpProbe(IHttpConnector connector, Func<double> jitter)
    {
        _connector = connector;
        _jitter = jitter;
    }

    /// <summary>
    /// Probes one URL. Network outcomes are never exceptions: they are findings in the result.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid input (URL, method, header, option, CA bundle, pattern); the message names it.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<HttpProbeResult> ProbeAsync(HttpProbeRequest request, HttpProbeOptions options, CancellationToken cancellationToken = default)
    {
        var pattern = HttpProbeValidation.Validate(request, options);
        var trust = CertificateTrust.Create(options);
        var masker = SecretMasker.ForHeaders(request.Headers.Select(h => KeyValuePair.Create(h.Name, h.Value)), request.SecretHeaderNames);
        var runner = new ExchangeRunner(options, trust, _connector, masker);
        var sw = Stopwatch.StartNew();

        CorsCheck? cors = null;
        var corsFindings = new List<Finding>();
        if (options.Origin is { } origin)
        {
            (cors, corsFindings) = await CorsPreflight.RunAsync(runner, request, options, origin, cancellationToken).ConfigureAwait(false);
        }

        var attempts = new List<HttpAttempt>();
        var attemptRunner = new AttemptRunner(runner, request, options, pattern);
        var delay = TimeSpan.Zero;
        for (var number = 1; ; number++)
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var attempt = await attemptRunner.RunAsync(number, delay.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
            attempts.Add(attempt);
            if (number > options.Retries || !RetryPolicy.ShouldRetry(attempt)) break;
            delay = RetryPolicy.Delay(number, options, attempt.Final.RetryAfterSeconds, _jitter());
        }

        var findings = attempts[^1].Findings.ToList();
        findings.AddRange(corsFindings);
        if (cors is { Allowed: true } && CorsPreflight.CheckResponse(attempts[^1].Final, $"{request.Method} {masker.MaskUri(request.Uri)}", cors.Origin, cors.WithCredentials) is { } denied)
        {
            findings.Add(denied);
        }
        return new HttpProbeResult(masker.MaskUri(request.Uri), request.Method, attempts, cors, findings, sw.Elapsed.TotalMilliseconds);
    }
}
