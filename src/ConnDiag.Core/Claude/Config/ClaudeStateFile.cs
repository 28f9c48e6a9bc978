using System.Globalization;
using System.Text.Json;

namespace ConnDiag.Claude.Config;

/// <summary>
/// What Claude Code's own state file (<c>~/.claude.json</c>) says about the first-run onboarding. Only the
/// <c>hasCompletedOnboarding</c> flag is read; the file also holds project history, which is never shown.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Exists">True when the file exists.</param>
/// <param name="HasCompletedOnboarding">The flag's value; null when the file or the flag is missing or unreadable.</param>
/// <param name="Problem">Why the file could not be read, or null.</param>
public sealed record ClaudeStateFile(string Path, bool Exists, bool? HasCompletedOnboarding, string? Problem)
{
    /// <summary>The file grows with project history; past this it is not read (the flag is then unknown).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Reads the flag; problems are states, not exceptions.</summary>
    internal static ClaudeStateFile Read(string path)
    {
        if (!File.Exists(path)) return new ClaudeStateFile(path, false, null, null);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > MaxBytes)
            {
                return new ClaudeStateFile(path, true, null, string.Create(CultureInfo.InvariantCulture, $"the file is {stream.Length} bytes, more than the {MaxBytes} read"));
            }
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new ClaudeStateFile(path, true, null, "the top level is not a JSON object");
            bool? flag = doc.RootElement.TryGetProperty("hasCompletedOnboarding", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? v.GetBoolean() : null;
            return new ClaudeStateFile(path, true, flag, null);
        }
        catch (JsonException ex)
        {
            // Line and position only: the message can quote the file's bytes.
            return new ClaudeStateFile(path, true, null, string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ClaudeStateFile(path, true, null, $"cannot be read: {ex.GetType().Name}");
        }
    }
}
