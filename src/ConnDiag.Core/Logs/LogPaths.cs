namespace ConnDiag.Logs;

/// <summary>Resolves the paths a user gives (wildcards in the file name: <c>/var/log/nginx/error.log*</c>) to files.</summary>
public static class LogPaths
{
    /// <summary>
    /// Each pattern's files, oldest first (by last write time, then name), so rotated logs are read in time order.
    /// A path without wildcards is returned as given.
    /// </summary>
    /// <exception cref="FileNotFoundException">A pattern matches no file, or a plain path does not exist.</exception>
    /// <exception cref="ArgumentException">A wildcard in a directory part, or a directory given as a file.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        var result = new List<string>();
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern)) throw new ArgumentException("A log path is empty.", nameof(patterns));
            if (!HasWildcard(pattern))
            {
                if (Directory.Exists(pattern)) throw new ArgumentException($"'{pattern}' is a directory; give log files (wildcards such as '{Path.Combine(pattern, "*.log")}' work).", nameof(patterns));
                if (!File.Exists(pattern)) throw new FileNotFoundException($"Log file '{pattern}' does not exist.", pattern);
                result.Add(pattern);
                continue;
            }
            var dir = Path.GetDirectoryName(pattern);
            var name = Path.GetFileName(pattern);
            if (!string.IsNullOrEmpty(dir) && HasWildcard(dir))
            {
                throw new ArgumentException($"'{pattern}': wildcards are allowed in the file name only, not in directories.", nameof(patterns));
            }
            var root = string.IsNullOrEmpty(dir) ? "." : dir;
            var files = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, name, new EnumerationOptions { MatchType = MatchType.Simple, IgnoreInaccessible = true })
                    .Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                    .Select(f => string.IsNullOrEmpty(dir) ? f.Name : Path.Combine(dir, f.Name)).ToList()
                : [];
            if (files.Count == 0) throw new FileNotFoundException($"No log file matches '{pattern}'.", pattern);
            result.AddRange(files);
        }
        return result;
    }

    /// <summary>True when the path has <c>*</c> or <c>?</c> (or <c>[</c>, which PowerShell treats as a wildcard).</summary>
    public static bool HasWildcard(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;
}
