namespace ConnDiag.Services.UnitFiles;

/// <summary>One <c>Key=Value</c> assignment of a unit file, with where it was written (for evidence).</summary>
/// <param name="Section">The section it is in, without brackets (<c>Service</c>).</param>
/// <param name="Key">The key as written (<c>ExecStart</c>).</param>
/// <param name="Value">The value after continuation lines were joined, whitespace trimmed; empty for a reset.</param>
/// <param name="File">The full path of the file it came from.</param>
/// <param name="Line">The 1-based line the assignment starts on.</param>
public sealed record UnitSetting(string Section, string Key, string Value, string File, int Line)
{
    /// <summary><c>FILE:LINE</c>, the form editors and compilers use.</summary>
    public string Location => $"{File}:{Line}";
}

/// <summary>A line systemd cannot read (it ignores it or refuses the unit), with where it is.</summary>
/// <param name="File">The full path of the file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Message">What is wrong, in one sentence.</param>
public sealed record UnitSyntaxProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
