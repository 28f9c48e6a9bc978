namespace ConnDiag.Services.UnitFiles;

/// <summary>Why a unit path could not be read at all (as opposed to a unit that reads but is wrong).</summary>
public enum UnitInputProblem { NotFound, IsDirectory, TooLarge, Unreadable, Binary, InvalidName }

/// <summary>The unit file or name given cannot be used; front ends report it as invalid input.</summary>
public sealed class UnitInputException : Exception
{
    public UnitInputException(string path, UnitInputProblem problem, string message) : base(message)
    {
        Path = path;
        Problem = problem;
    }

    public UnitInputException() : this("", UnitInputProblem.Unreadable, "The unit file could not be read.") { }

    public UnitInputException(string message) : this("", UnitInputProblem.Unreadable, message) { }

    public UnitInputException(string message, Exception inner) : base(message, inner) => Path = "";

    /// <summary>The path (or unit name) that was given.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public UnitInputProblem Problem { get; }
}
