namespace ConnDiag.Claude.Router;

/// <summary>Why a config path could not be read at all (as opposed to a file that reads but is wrong).</summary>
public enum RouterConfigInputProblem { NotFound, IsDirectory, TooLarge, Unreadable, Binary, NotUtf8 }

/// <summary>The path given is not a readable router config file; front ends report it as invalid input.</summary>
public sealed class RouterConfigInputException : Exception
{
    public RouterConfigInputException(string path, RouterConfigInputProblem problem, string message) : base(message)
    {
        Path = path;
        Problem = problem;
    }

    public RouterConfigInputException() : this("", RouterConfigInputProblem.Unreadable, "The router config could not be read.") { }

    public RouterConfigInputException(string message) : this("", RouterConfigInputProblem.Unreadable, message) { }

    public RouterConfigInputException(string message, Exception inner) : base(message, inner) => Path = "";

    /// <summary>The full path that was given.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public RouterConfigInputProblem Problem { get; }
}
