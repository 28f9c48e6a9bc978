namespace ConnDiag.Serialization;

/// <summary>
/// Input that should hold ConnDiag results does not: it is not JSON (the message names line and column), it is
/// too large, or a value has none of the documented result shapes (the message names the input and what was expected).
/// </summary>
public sealed class ResultInputException : FormatException
{
    /// <summary>Creates the exception with a message meant for the user as it is.</summary>
    public ResultInputException(string message)
        : base(message)
    {
    }
}
