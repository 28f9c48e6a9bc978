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

    /// <summary>An input the engine refused; ArgumentException appends " (Parameter 'x')", the user needs only the sentence.</summary>
    public static UsageException FromArgument(ArgumentException error, string? prefix = null)
    {
        var message = error.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return new(prefix + (cut >= 0 ? message[..cut] : message).TrimEnd('.'));
    }

    /// <summary>Records that <paramref name="option"/> supplied <paramref name="what"/>; a second source of it is an error.</summary>
    public static void Once(ref string? given, string option, string what)
    {
        if (given is not null) throw new UsageException($"{given} and {option} both give {what}: pass one");
        given = option;
    }
}
