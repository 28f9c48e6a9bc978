namespace ConnDiag.Cli;

/// <summary>The exit codes DESIGN §5 promises scripts; docs/json.md lists them too.</summary>
internal static class ExitCodes
{
    /// <summary>No Error-severity finding.</summary>
    public const int Ok = 0;

    /// <summary>A check failed (an Error finding), or something unexpected went wrong.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line or a target list could not be parsed.</summary>
    public const int InvalidInput = 2;

    /// <summary>Ctrl+C: 128 + SIGINT, what a shell reports for an interrupted command.</summary>
    public const int Cancelled = 130;
}
