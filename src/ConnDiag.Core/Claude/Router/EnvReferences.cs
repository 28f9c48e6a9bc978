using System.Text.RegularExpressions;

namespace ConnDiag.Claude.Router;

/// <summary>One $VAR / ${VAR} reference in a config string.</summary>
internal sealed record EnvReference(string Variable, string? Value)
{
    /// <summary>The router leaves unset (and, here, empty) variables as literal text.</summary>
    public bool Resolved => !string.IsNullOrEmpty(Value);
}

/// <summary>
/// The router's interpolation: <c>${ANY}</c> or <c>$UPPER_CASE</c>, applied to every string in the config;
/// an unset variable stays as the literal reference.
/// </summary>
internal static partial class EnvReferences
{
    public static IReadOnlyList<EnvReference> Find(string text, Func<string, string?> environment) =>
        Pattern().Matches(text).Select(m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            return new EnvReference(name, environment(name));
        }).ToList();

    public static string Resolve(string text, Func<string, string?> environment) =>
        Pattern().Replace(text, m =>
        {
            var value = environment(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            return string.IsNullOrEmpty(value) ? m.Value : value;
        });

    public static bool HasReference(string text) => Pattern().IsMatch(text);

    [GeneratedRegex(@"\$\{([^}]+)\}|\$([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Pattern();
}
