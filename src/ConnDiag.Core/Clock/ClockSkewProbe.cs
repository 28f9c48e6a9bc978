using System.Globalization;
using System.Net;
using ConnDiag.Clock.Http;
using ConnDiag.Clock.Ntp;
using ConnDiag.Dns;
using ConnDiag.Model;

namespace ConnDiag.Clock;

/// <summary>
/// Measures the local clock against an NTP server (SNTP, RFC 4330) or the Date header of an HTTP(S)
/// response, and raises CLOCK.SKEW when the offset is beyond the allowed one. Every wait is bounded:
/// the name lookup and each request by <see cref="ClockSkewOptions.Timeout"/>, NTP retries by
/// <see cref="ClockSkewOptions.Attempts"/>.
/// </summary>
public sealed class ClockSkewProbe
{
    /// <summary>Addresses of one NTP server name that requests are spread over.</summary>
    public const int MaxAddresses = 4;

    private const double HttpDateResolutionMs = 1000;

    private readonly IAddressResolver _resolver;
    private readonly TimeProvider _clock;

    /// <param name="resolver">Name lookup for NTP servers (system resolver by default).</param>
    /// <param name="clock">The local clock being judged (the system clock by default).</param>
    public ClockSkewProbe(IAddressResolver? resolver = null, TimeProvider? clock = null)
    {
        _resolver = resolver ?? SystemAddressResolver.Instance;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Compares the local clock with <paramref name="source"/> once.</summary>
    public Task<ClockSkewResult> MeasureAsync(ClockSource source, ClockSkewOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > ClockSkewOptions.MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"the timeout must be above 0 and at most {ClockText.Seconds(ClockSkewOptions.MaxTimeout)}");
        }
        if (options.Attempts is < 1 or > ClockSkewOptions.MaxAttempts)
        {
            throw new ArgumentOutOfRangeException(nameof(options), string.Create(CultureInfo.InvariantCulture, $"attempts must be 1-{ClockSkewOptions.MaxAttempts}"));
        }
        if (options.MaximumOffset is { } max && max < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the maximum offset cannot be negative");
        }
        return source.Method == ClockMethod.Ntp
            ? MeasureNtpAsync(source, options, cancellationToken)
            : MeasureHttpAsync(source, options, cancellationToken);
    }

    private async Task<ClockSkewResult> MeasureNtpAsync(ClockSource source, ClockSkewOptions options, CancellationToken cancellationToken)
    {
        var name = source.ToString();
        var maxMs = options.MaximumOffsetFor(ClockMethod.Ntp).TotalMilliseconds;
        var resolution = await _resolver.ResolveAsync(source.Host, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (!resolution.Succeeded || resolution.Addresses.Count == 0)
        {
            var error = resolution.Error ?? "no addresses returned";
            return Empty(name, ClockMethod.Ntp, maxMs, 0, [ClockFindings.Unresolved(source, error, resolution.DurationMs)]);
        }

        var endpoints = resolution.Addresses.Take(MaxAddresses).Select(a => new IPEndPoint(a, source.Port)).ToList();
        var x = await new SntpClient(_clock).QueryAsync(endpoints, options.Timeout, options.Attempts, cancellationToken).ConfigureAwait(false);

        switch (x.Outcome)
        {
            case NtpOutcome.NoAnswer or NtpOutcome.Unreachable:
                return Empty(name, ClockMethod.Ntp, maxMs, x.Requests, [ClockFindings.NoNtpAnswer(name, x)]) with
                {
                    RemoteAddress = x.Endpoint?.Address,
                    IgnoredReplies = x.IgnoredReplies,
                };
            case NtpOutcome.KissOfDeath:
                return Empty(name, ClockMethod.Ntp, maxMs, x.Requests, [ClockFindings.KissOfDeath(name, x)]) with
                {
                    RemoteAddress = x.Endpoint!.Address,
                    Stratum = x.Reply!.Stratum,
                    ReferenceId = x.Reply.ReferenceIdText,
                    IgnoredReplies = x.IgnoredReplies,
                };
        }

        var reply = x.Reply!;
        var uncertaintyMs = Math.Max(x.DelayMs, 0) / 2;
        var localTime = x.LocalTime!.Value;
        var measurement = $"NTP server {name} (stratum {reply.Stratum.ToString(CultureInfo.InvariantCulture)}, reference {reply.ReferenceIdText}): "
            + $"offset {ClockText.SignedMs(x.OffsetMs)} ±{ClockText.Ms(uncertaintyMs)}, round trip {ClockText.Ms(x.DelayMs)}; "
            + $"server time {ClockText.Time(localTime.AddMilliseconds(x.OffsetMs))} at local time {ClockText.Time(localTime)}";
        if (x.IgnoredReplies > 0)
        {
            measurement += string.Create(CultureInfo.InvariantCulture, $"; {x.IgnoredReplies} other replies ignored, the first for {x.FirstIgnoredReason}");
        }

        var unsynchronized = reply.Leap == LeapIndicator.Unsynchronized || reply.Stratum >= 16;
        var findings = new List<Finding>();
        if (unsynchronized) findings.Add(ClockFindings.Unsynchronized(name, reply, measurement));
        else if (ClockFindings.IsBeyond(x.OffsetMs, uncertaintyMs, maxMs)) findings.Add(ClockFindings.Skew(name, ClockMethod.Ntp, x.OffsetMs, measurement, maxMs));

        return new ClockSkewResult(name, ClockMethod.Ntp, x.Endpoint!.Address, !unsynchronized, x.OffsetMs, uncertaintyMs, x.DelayMs,
            reply.Stratum, reply.ReferenceIdText, localTime.AddMilliseconds(x.OffsetMs), localTime, maxMs, x.Requests, x.IgnoredReplies, findings);
    }

    private async Task<ClockSkewResult> MeasureHttpAsync(ClockSource source, ClockSkewOptions options, CancellationToken cancellationToken)
    {
        var name = source.ToString();
        var maxMs = options.MaximumOffsetFor(ClockMethod.HttpDate).TotalMilliseconds;
        var x = await new HttpDateClient(_clock).QueryAsync(source.Uri!, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (!x.Answered)
        {
            return Empty(name, ClockMethod.HttpDate, maxMs, 1, [ClockFindings.NoHttpAnswer(name, x.Detail)]);
        }
        if (x.Date is not { } date)
        {
            return Empty(name, ClockMethod.HttpDate, maxMs, 1, [ClockFindings.NoDate(name, x.StatusCode, x.RawDate)]) with { RoundTripMs = x.RoundTripMs };
        }

        // Date names a whole second: the server's clock was somewhere in [Date, Date + 1 s) when it wrote it,
        // and that moment lies somewhere in the exchange, whose middle is the local estimate.
        var serverTime = date.AddMilliseconds(500);
        var localTime = x.Midpoint;
        var offsetMs = (serverTime - localTime).TotalMilliseconds;
        var uncertaintyMs = HttpDateResolutionMs + x.RoundTripMs / 2;
        var measurement = $"Date: {x.RawDate} from {name} (HTTP {x.StatusCode?.ToString(CultureInfo.InvariantCulture)}): "
            + $"offset {ClockText.SignedMs(offsetMs)} ±{ClockText.Ms(uncertaintyMs)} (the Date header counts whole seconds), "
            + $"round trip {ClockText.Ms(x.RoundTripMs)}; local time {ClockText.Time(localTime)} halfway through the request";

        List<Finding> findings = ClockFindings.IsBeyond(offsetMs, uncertaintyMs, maxMs)
            ? [ClockFindings.Skew(name, ClockMethod.HttpDate, offsetMs, measurement, maxMs)]
            : [];
        return new ClockSkewResult(name, ClockMethod.HttpDate, null, true, offsetMs, uncertaintyMs, x.RoundTripMs,
            null, null, serverTime, localTime, maxMs, 1, 0, findings);
    }

    private static ClockSkewResult Empty(string source, ClockMethod method, double maxMs, int requests, IReadOnlyList<Finding> findings) =>
        new(source, method, null, false, null, null, null, null, null, null, null, maxMs, requests, 0, findings);
}
