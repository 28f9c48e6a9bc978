using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Secrets;

namespace ConnDiag.Claude.Router;

/// <summary>
/// ROUTER.INLINE_SECRET: provider api_keys and top-level *_KEY / *_TOKEN / *_SECRET holders written as literal
/// values instead of $VAR references. Placeholders (sk-xxx, your-key-here) are not secrets.
/// </summary>
internal static partial class SecretRule
{
    public static void Check(RouterConfigContext c)
    {
        if (RouterConfigContext.Get(c.Root, "Providers") is { ValueKind: JsonValueKind.Array } providers)
        {
            var i = 0;
            foreach (var p in providers.EnumerateArray())
            {
                if (RouterConfigContext.GetString(p, "api_key") is { } key) One(c, $"Providers[{i}].api_key", key);
                i++;
            }
        }
        foreach (var p in c.Root.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String && IsSecretName(p.Name) && p.Name != "APIKEY") One(c, p.Name, p.Value.GetString()!);
        }
    }

    private static void One(RouterConfigContext c, string path, string value)
    {
        if (EnvReferences.HasReference(value)) return;
        c.Secret(value);
        if (!LooksReal(value)) return;
        c.Add(FindingCodes.RouterInlineSecret,
            $"{path} holds a literal secret ({SecretMasker.Mask(value)}, {value.Length} characters) in the config file.",
            $"{path} is not a $VAR reference.",
            $"Move it to an environment variable and write \"{path.Split('.')[^1]}\": \"$NAME\" (or \"${{NAME}}\") instead; the router resolves it at start.");
    }

    /// <summary>A value long enough to be a key and not an obvious placeholder.</summary>
    internal static bool LooksReal(string value) =>
        value.Trim().Length >= 12 && !value.Any(char.IsWhiteSpace) && !Placeholder().IsMatch(value);

    [GeneratedRegex(@"(?i)x{3,}|your|placeholder|change.?me|example|<.*>|\.\.\.|^sk-?$|dummy|replace")]
    private static partial Regex Placeholder();

    /// <summary>A key or variable name whose value is a credential (api_key, APIKEY, OPENAI_API_KEY, GH_TOKEN...).</summary>
    internal static bool IsSecretName(string name) => SecretName().IsMatch(name);

    [GeneratedRegex(@"(?i)^[A-Z0-9_]*(KEY|TOKEN|SECRET|PASSWORD)$")]
    private static partial Regex SecretName();
}
