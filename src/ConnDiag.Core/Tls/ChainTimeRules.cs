using System.Security.Cryptography.X509Certificates;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>
/// Validity dates: expired, not yet valid, expiring soon. With a measured clock offset, a certificate that is
/// invalid only by this machine's clock is reported with the clock as the cause (and the reverse: a clock
/// behind can hide a certificate that has really expired).
/// </summary>
internal static class ChainTimeRules
{
    public static (IReadOnlyList<Finding> Findings, bool ClockIsCause) Evaluate(ChainContext ctx)
    {
        var findings = new List<Finding>();
        var clockIsCause = false;
        var now = ctx.Now;
        var trueNow = ctx.TrueNow;
        foreach (var c in ctx.Chain)
        {
            var notBefore = Utc(c.NotBefore);
            var notAfter = Utc(c.NotAfter);
            var who = ctx.Describe(c);
            var localExpired = now > notAfter;
            var localFuture = now < notBefore;
            var trulyValid = trueNow is { } t && t >= notBefore && t <= notAfter;

            if ((localExpired || localFuture) && trulyValid)
            {
                clockIsCause = true;
                var code = localExpired ? FindingCodes.TlsCertExpired : FindingCodes.TlsCertNotYetValid;
                var looks = localExpired ? "looks expired" : "looks not yet valid";
                findings.Add(FindingCatalog.Create(code,
                    $"{ctx.Label}: {who} {looks} only because this machine's clock is {ClockError(ctx)}; by the corrected clock it is valid until {Durations.Date(notAfter)}. The clock is the cause, not the certificate.",
                    $"Valid {Durations.Date(notBefore)} to {Durations.Date(notAfter)}; local clock {Durations.Date(now)}, corrected clock {Durations.Date(trueNow!.Value)} (measured offset {Offset(ctx)}).",
                    "Fix this machine's clock (enable time synchronisation: timedatectl set-ntp true, chronyc makestep, or w32tm /resync on Windows); the certificate itself is fine."));
                continue;
            }
            if (localExpired)
            {
                findings.Add(FindingCatalog.Create(FindingCodes.TlsCertExpired,
                    $"{ctx.Label}: {who} expired {Durations.Describe(now - notAfter)} ago, on {Durations.Date(notAfter)}.",
                    $"Valid {Durations.Date(notBefore)} to {Durations.Date(notAfter)}; checked at {Durations.Date(now)}{ClockNote(ctx)}."));
                continue;
            }
            if (localFuture)
            {
                findings.Add(FindingCatalog.Create(FindingCodes.TlsCertNotYetValid,
                    $"{ctx.Label}: {who} is not valid until {Durations.Date(notBefore)} ({Durations.Describe(notBefore - now)} from now).",
                    $"Valid {Durations.Date(notBefore)} to {Durations.Date(notAfter)}; checked at {Durations.Date(now)}{ClockNote(ctx)}."));
                continue;
            }
            if (trueNow is { } truth && (truth > notAfter || truth < notBefore))
            {
                // Valid here only because the local clock is off: other clients (and this one, once the clock is fixed) fail.
                var code = truth > notAfter ? FindingCodes.TlsCertExpired : FindingCodes.TlsCertNotYetValid;
                var state = truth > notAfter ? $"has expired ({Durations.Date(notAfter)})" : $"is not valid yet (from {Durations.Date(notBefore)})";
                findings.Add(FindingCatalog.Create(code,
                    $"{ctx.Label}: {who} {state} by the corrected clock; this machine's clock is {ClockError(ctx)}, which hides it here.",
                    $"Valid {Durations.Date(notBefore)} to {Durations.Date(notAfter)}; local clock {Durations.Date(now)}, corrected clock {Durations.Date(truth)} (measured offset {Offset(ctx)}).")
                    with { Severity = Severity.Warning });
            }
        }
        return (findings, clockIsCause);
    }

    public static IEnumerable<Finding> ExpiresSoon(ChainContext ctx)
    {
        var days = ctx.Options.MinimumDaysValid;
        if (days <= 0) yield break;
        var now = ctx.TrueNow ?? ctx.Now;
        foreach (var c in ctx.Chain)
        {
            var notBefore = Utc(c.NotBefore);
            var notAfter = Utc(c.NotAfter);
            if (now < notBefore || now > notAfter || (notAfter - now).TotalDays >= days) continue;
            var left = (int)Math.Floor((notAfter - now).TotalDays);
            yield return FindingCatalog.Create(FindingCodes.TlsExpiresSoon,
                $"{ctx.Label}: {ctx.Describe(c)} expires in {(left >= 1 ? Durations.Days(left) : Durations.Describe(notAfter - now))}, on {Durations.Date(notAfter)}.",
                $"Valid {Durations.Date(notBefore)} to {Durations.Date(notAfter)}; the threshold is {Durations.Days(days)} (-MinimumDaysValid).");
        }
    }

    private static DateTimeOffset Utc(DateTime local) => new(local.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>"2 h ahead" / "30 min behind": the sign of the offset says which.</summary>
    private static string ClockError(ChainContext ctx)
    {
        var offset = ctx.Options.ClockOffset ?? TimeSpan.Zero;
        return $"{Durations.Describe(offset)} {(offset > TimeSpan.Zero ? "behind" : "ahead")}";
    }

    private static string Offset(ChainContext ctx)
    {
        var offset = ctx.Options.ClockOffset ?? TimeSpan.Zero;
        return (offset < TimeSpan.Zero ? "-" : "+") + Durations.Describe(offset);
    }

    private static string ClockNote(ChainContext ctx) => ctx.Options.ClockOffset is null
        ? " by this machine's clock"
        : $" by this machine's clock, and the corrected clock (offset {Offset(ctx)}) agrees";
}
