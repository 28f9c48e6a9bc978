namespace ConnDiag.Cli;

/// <summary>
/// Bad input: the message is the one line printed after "conndiag: " and names the offending token.
/// Thrown anywhere during parsing and caught once, in <see cref="CliApp"/>, which maps it to exit code 2.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public static UsageException UnknownOption(string option, string command) =>
        new($"unknown option '{option}' for 'conndiag {command}' (see 'conndiag help {command}')");

    public static UsageException MissingValue(string option) => new($"option '{option}' needs a value");

    public static UsageException Invalid(string option, string value, string expected) =>
        new($"invalid {option} '{value}': {expected}");
}
