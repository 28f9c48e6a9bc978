using System.Text;

namespace ConnDiag.Cli.Parsing;

/// <summary>
/// Reads secrets from where a command line can safely point: an environment variable or a file. A secret is
/// never taken as an argument (argv is visible to every user in ps and lands in shell history), and no error
/// here ever contains the value.
/// </summary>
internal static class SecretSources
{
    /// <summary>Largest token file read: a token is a line, not a document.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public static string FromEnvironment(string option, string variable)
    {
        if (variable.Length == 0 || variable.Contains('=', StringComparison.Ordinal))
        {
            throw UsageException.Invalid(option, variable, "expected the name of an environment variable");
        }
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            throw new UsageException($"{option} {variable}: the environment variable is not set or empty");
        }
        return value;
    }

    /// <summary>The file's content without its trailing line break (editors and echo add one).</summary>
    public static string FromFile(string option, string path)
    {
        if (path.Length == 0) throw UsageException.Invalid(option, path, "expected a file path");
        string why;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var buffer = new byte[MaxFileBytes + 1];
            var total = 0;
            int n;
            while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            if (total > MaxFileBytes) throw new UsageException($"{option} '{path}': the file is larger than {MaxFileBytes / 1024} KiB; expected one token");
            var text = new UTF8Encoding(false).GetString(buffer, 0, total).TrimStart('\uFEFF').TrimEnd('\r', '\n');
            if (text.Trim().Length == 0) throw new UsageException($"{option} '{path}': the file is empty");
            return text;
        }
        catch (FileNotFoundException) { why = "no such file"; }
        catch (DirectoryNotFoundException) { why = "no such file or directory"; }
        catch (UnauthorizedAccessException) { why = "permission denied (or it is a directory)"; }
        catch (IOException ex) { why = ex.Message; }
        throw new UsageException($"cannot read {option} '{path}': {why}");
    }

    /// <summary>USER:PASSWORD from an environment variable, split at the first colon.</summary>
    public static (string User, string Password) UserFromEnvironment(string option, string variable)
    {
        var value = FromEnvironment(option, variable);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new UsageException($"{option} {variable}: expected USER:PASSWORD in the variable (the value is not shown)");
        return (value[..colon], value[(colon + 1)..]);
    }
}
