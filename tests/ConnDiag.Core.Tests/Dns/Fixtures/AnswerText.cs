using ConnDiag.Dns.Client;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>A lookup in a few lines, for assertion messages: what a failing test saw.</summary>
internal static class AnswerText
{
    public static string Describe(DnsAnswer a) =>
        $"{a.Name} {a.Type} @{a.Server}: {a.Status} flags '{a.Flags}', {a.Answers.Count} answers, {a.Authorities.Count} authority\n"
        + string.Join("\n", a.Attempts.Select(t => $"  #{t.Number} {t.Transport} {t.Server} {t.Outcome} {t.Error} ignored {t.IgnoredResponses}: {string.Join("; ", t.IgnoredReasons)}"))
        + "\n" + string.Join("\n", a.Findings.Select(f => $"  {f.Code}: {f.Summary} | {f.Evidence}"));
}
