using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConnDiag.Claude.Config;

/// <summary>Reads the <c>env</c> block of one Claude Code settings file, with a size cap; problems are states, not exceptions.</summary>
internal static class SettingsFileReader
{
    /// <summary>Real settings files are a few KiB; past this it is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static (SettingsFileState State, IReadOnlyDictionary<string, string> Env) Read(string path, ConfigSourceKind kind)
    {
        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return (new SettingsFileState(path, kind, false, null, 0, false), empty);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > MaxBytes)
            {
                return (new SettingsFileState(path, kind, true, string.Create(CultureInfo.InvariantCulture, $"the file is {stream.Length} bytes, more than the {MaxBytes} a settings file can be"), 0, false), empty);
            }
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (new SettingsFileState(path, kind, true, $"cannot be read: {ex.GetType().Name}", 0, false), empty);
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (new SettingsFileState(path, kind, true, "the top level is not a JSON object", 0, false), empty);
            var helper = root.TryGetProperty("apiKeyHelper", out var h) && h.ValueKind == JsonValueKind.String;
            var program = helper ? ApiKeyHelperCommand.Program(h.GetString()!) : null;
            if (!root.TryGetProperty("env", out var env)) return (new SettingsFileState(path, kind, true, null, 0, helper) { ApiKeyHelperProgram = program }, empty);
            if (env.ValueKind != JsonValueKind.Object) return (new SettingsFileState(path, kind, true, "\"env\" is not an object of strings", 0, helper) { ApiKeyHelperProgram = program }, empty);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var skipped = new List<string>();
            foreach (var p in env.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: values[p.Name] = p.Value.GetString()!; break;
                    // Claude Code writes numbers and booleans into the environment as their text.
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False: values[p.Name] = p.Value.GetRawText(); break;
                    default: skipped.Add(p.Name); break;
                }
            }
            var problem = skipped.Count > 0 ? $"env values that are not strings are ignored: {string.Join(", ", skipped)}" : null;
            return (new SettingsFileState(path, kind, true, problem, values.Count, helper) { ApiKeyHelperProgram = program }, values);
        }
        catch (JsonException ex)
        {
            // The message of JsonException can quote the offending bytes; line and position are enough and cannot leak a key.
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
            return (new SettingsFileState(path, kind, true, $"not valid JSON at {where}", 0, false), empty);
        }
        catch (DecoderFallbackException)
        {
            return (new SettingsFileState(path, kind, true, "not UTF-8 text", 0, false), empty);
        }
    }

}
