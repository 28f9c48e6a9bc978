namespace ConnDiag.Tls;

/// <summary>
/// A certificate file (a chain to analyse offline, or a CA bundle) that cannot be used. The message names
/// the file and says what is wrong with it, so front ends print it as it is.
/// </summary>
public sealed class CertificateFileException : Exception
{
    public CertificateFileException(string path, string problem)
        : base($"'{path}': {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file (or directory) concerned.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
