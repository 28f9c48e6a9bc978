using ConnDiag.Clock;
using ConnDiag.Core.Tests.Clock.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>
/// The combined case end to end: a certificate "not yet valid" by this machine's clock, an NTP server
/// (chronyd under libfaketime, an hour ahead) that says this clock is behind, and a report that names the clock.
/// </summary>
public sealed class TlsClockCauseTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    [LinuxRootFact("openssl", "chronyd", "faketime")]
    public async Task A_not_yet_valid_certificate_with_a_clock_behind_the_ntp_server_is_reported_as_a_clock_problem()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = DateTimeOffset.UtcNow.AddMinutes(30), NotAfter = DateTimeOffset.UtcNow.AddDays(30) });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);
        using var ntp = ChronyServer.Start(TimeSpan.FromHours(1));
        Assert.True(ClockSource.TryParseNtpServer($"127.0.0.1:{ntp.Port}", out var source, out var error), error);
        var options = new TlsProbeOptions(TimeSpan.FromSeconds(10), _pki.Trusting, "localhost", ClockCheck: source);

        var report = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), options);

        Assert.True(report.ClockIsCause);
        Assert.InRange(report.ClockOffsetMs!.Value, 3_590_000, 3_610_000);
        Assert.Contains(report.Findings, f => f.Code == FindingCodes.ClockSkew);
        Assert.Contains(report.Findings, f => f.Summary.Contains("The clock is the cause", StringComparison.Ordinal));
    }

    [LinuxRootFact("openssl", "chronyd")]
    public async Task A_certificate_that_is_really_expired_stays_expired_when_the_clock_is_right()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = DateTimeOffset.UtcNow.AddDays(-40), NotAfter = DateTimeOffset.UtcNow.AddDays(-10) });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);
        using var ntp = ChronyServer.Start();
        Assert.True(ClockSource.TryParseNtpServer($"127.0.0.1:{ntp.Port}", out var source, out _));
        var options = new TlsProbeOptions(TimeSpan.FromSeconds(10), _pki.Trusting, "localhost", ClockCheck: source);

        var report = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), options);

        Assert.False(report.ClockIsCause);
        Assert.Equal([FindingCodes.TlsCertExpired], report.Findings.Select(f => f.Code));
    }
}
