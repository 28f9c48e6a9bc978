using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Findings;
using ConnDiag.Services;

namespace ConnDiag.Core.Tests.Services;

/// <summary>
/// systemd's own reading of the same files (`systemd-analyze verify`, which works without systemd running) against
/// Test-SystemdUnit's: where systemd refuses or ignores something, the engine names it on the same line; where
/// systemd accepts the unit, the engine finds nothing in that area either. This is the peer the parser is held to.
/// </summary>
public class SystemdAnalyzeAgreementTests
{
    [LinuxTheory("systemd-analyze")]
    [InlineData("two", "[Service]\nExecStart=/bin/true\nExecStart=/bin/false\n", "Service has more than one ExecStart= setting", FindingCodes.ServiceUnitInvalid, "2 ExecStart= lines")]
    [InlineData("none", "[Unit]\nDescription=x\n", "Service has no ExecStart=", FindingCodes.ServiceUnitInvalid, "has no ExecStart=")]
    [InlineData("noeq", "[Service]\nExecStart=/bin/true\ngarbage line\n", ":3: Missing '=', ignoring line.", FindingCodes.ServiceUnitSyntax, ":3: 'garbage line' has no '='")]
    [InlineData("header", "[Service]\nExecStart=/bin/true\n[Broken\n", ":3: Invalid section header '[Broken'", FindingCodes.ServiceUnitSyntax, ":3: invalid section header '[Broken'")]
    [InlineData("quote", "[Service]\nExecStart=/bin/echo \"open\n", ":2: Unbalanced quoting", FindingCodes.ServiceUnitSyntax, ":2: ExecStart= cannot be parsed: unbalanced double quote")]
    [InlineData("relative", "[Service]\nExecStart=bin/relative\n", ":2: Neither a valid executable name nor an absolute path: bin/relative", FindingCodes.ServiceExecMissing, "runs bin/relative, which is a relative path")]
    [InlineData("missing", "[Service]\nExecStart=/opt/conndiag-nothere --x\n", "Command /opt/conndiag-nothere is not executable: No such file or directory", FindingCodes.ServiceExecMissing, "runs /opt/conndiag-nothere, which does not exist")]
    [InlineData("dash", "[Service]\nExecStart=-/opt/conndiag-nothere\n", null, FindingCodes.ServiceExecMissing, null)]
    [InlineData("reset", "[Service]\nExecStart=/bin/true\nExecStart=\nExecStart=/bin/echo ok\n", null, FindingCodes.ServiceUnitInvalid, null)]
    [InlineData("continued", "[Service]\nExecStart=/bin/echo \\\n  one \\\n# comment\n  two\n", null, FindingCodes.ServiceUnitSyntax, null)]
    public async Task Systemd_and_the_engine_agree(string name, string text, string? systemdSays, string code, string? engineSays)
    {
        using var tree = new UnitTree();
        var path = tree.Write($"units/{name}.service", text);

        var verify = ProcessRunner.Run("systemd-analyze", ["verify", path], check: false);
        var report = await new SystemdUnitDiagnoser().TestPathAsync(path);

        var systemd = verify.StdOut + verify.StdErr;
        var ours = report.Findings.Where(f => f.Code == code).Select(f => f.Summary).ToList();
        if (systemdSays is null)
        {
            Assert.True(verify.ExitCode == 0, $"systemd-analyze verify refused {name}: {systemd}");
            Assert.Empty(ours);
        }
        else
        {
            // systemd refuses most of these (exit 1); a line without '=' it only ignores, with the same message.
            Assert.Contains(systemdSays, systemd);
            Assert.Contains(ours, s => s.Contains(engineSays!, StringComparison.Ordinal));
        }
    }
}
