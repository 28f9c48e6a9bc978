using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Model;

public class OutcomeTests
{
    private static readonly Finding Error = FindingCatalog.Create(FindingCodes.TcpRefused, "s", "e");
    private static readonly Finding Warning = FindingCatalog.Create(FindingCodes.TcpPartial, "s", "e");
    private static readonly Finding Info = FindingCatalog.Create(FindingCodes.LocalOwnerHidden, "s", "e");

    [Fact]
    public void Worst_severity_decides_the_outcome()
    {
        Assert.Equal(Outcome.Pass, OutcomeRules.FromFindings([]));
        Assert.Equal(Outcome.Pass, OutcomeRules.FromFindings([Info]));
        Assert.Equal(Outcome.Warn, OutcomeRules.FromFindings([Info, Warning]));
        Assert.Equal(Outcome.Fail, OutcomeRules.FromFindings([Warning, Error, Info]));
        Assert.True(OutcomeRules.HasError([Info, Error]));
        Assert.False(OutcomeRules.HasError([Info, Warning]));
    }

    [Fact]
    public void Report_names_the_first_failed_stage_and_gathers_findings_in_stage_order()
    {
        var report = new DiagnosticReport(new Target("example.test", 443), DateTimeOffset.UnixEpoch, 12.5,
        [
            new StageResult("dns", Layer.Dns, Outcome.Pass, 1, "resolved", []),
            new StageResult("tcp", Layer.Tcp, Outcome.Warn, 2, "partial", [Warning]),
            new StageResult("tls", Layer.Tls, Outcome.Fail, 3, "refused", [Error]),
            StageResult.Skipped("http", Layer.Http, "TLS failed"),
        ]);
        Assert.Equal(Outcome.Fail, report.Outcome);
        Assert.Equal("tls", report.FailedStage);
        Assert.Equal([Warning, Error], report.Findings);
        Assert.Equal(Outcome.Skipped, report.Stages[3].Outcome);
    }

    [Fact]
    public void Report_without_failures_passes_or_warns()
    {
        var pass = new DiagnosticReport(new Target("a.test", 1), DateTimeOffset.UnixEpoch, 1,
            [new StageResult("tcp", Layer.Tcp, Outcome.Pass, 1, "open", [])]);
        Assert.Equal(Outcome.Pass, pass.Outcome);
        Assert.Null(pass.FailedStage);

        var warn = pass with { Stages = [new StageResult("tcp", Layer.Tcp, Outcome.Warn, 1, "partial", [Warning])] };
        Assert.Equal(Outcome.Warn, warn.Outcome);
        Assert.Null(warn.FailedStage);
    }
}
