namespace ConnDiag.Model;

/// <summary>The one rule that turns findings into a verdict, shared by stages, reports and exit codes.</summary>
public static class OutcomeRules
{
    public static Outcome FromFindings(IEnumerable<Finding> findings)
    {
        var worst = Severity.Info;
        foreach (var f in findings)
        {
            if (f.Severity > worst) worst = f.Severity;
        }
        return worst switch
        {
            Severity.Error => Outcome.Fail,
            Severity.Warning => Outcome.Warn,
            _ => Outcome.Pass,
        };
    }

    public static bool HasError(IEnumerable<Finding> findings) => findings.Any(f => f.Severity == Severity.Error);
}
