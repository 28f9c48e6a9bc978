using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Claude.Router;

/// <summary>
/// The state the rules share while one config is validated: the parsed root, the environment, the findings so
/// far and every secret value seen (so that no finding text can carry one unmasked).
/// </summary>
internal sealed partial class RouterConfigContext
{
    private readonly List<Finding> _findings = [];
    private readonly List<string> _secrets = [];

    public RouterConfigContext(string path, JsonElement root, RouterConfigOptions options)
    {
        Path = path;
        Root = root;
        Options = options;
    }

    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? ".";

    public JsonElement Root { get; }

    public RouterConfigOptions Options { get; }

    public IReadOnlyList<Finding> Findings => _findings;

    public void Add(string code, string summary, string evidence, string? remedy = null) =>
        _findings.Add(FindingCatalog.Create(code, summary, evidence, remedy));

    public void Add(Finding finding) => _findings.Add(finding);

    /// <summary>Registers a value that must never appear unmasked in the report.</summary>
    public void Secret(string? value)
    {
        if (!string.IsNullOrEmpty(value)) _secrets.Add(value);
    }

    /// <summary>The findings with every registered secret and credential-shaped token masked.</summary>
    public IReadOnlyList<Finding> MaskedFindings()
    {
        var masker = Masker();
        return _findings.Select(f => f with
        {
            Summary = masker.MaskText(f.Summary),
            Evidence = masker.MaskText(f.Evidence),
            Remedy = masker.MaskText(f.Remedy),
        }).ToList();
    }

    public SecretMasker Masker() => new(_secrets);

    /// <summary>A string value after the router's $VAR interpolation (unresolved references stay literal).</summary>
    public string Resolve(string raw) => EnvReferences.Resolve(raw, Options.Environment);

    /// <summary>True when the string holds a reference that the environment does not resolve (already reported).</summary>
    public bool HasUnresolved(string raw) => EnvReferences.Find(raw, Options.Environment).Any(r => !r.Resolved);

    /// <summary>The last property of that name (JavaScript keeps the last of duplicate keys).</summary>
    public static JsonElement? Get(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        JsonElement? found = null;
        foreach (var p in obj.EnumerateObject())
        {
            if (p.NameEquals(name)) found = p.Value;
        }
        return found;
    }

    /// <summary>The string value of a property, or null when it is missing or not a string.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        Get(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>A key path as people write it: Providers[1].api_key, Router.default, ["odd key"].</summary>
    public static string Member(string parent, string name) =>
        Identifier().IsMatch(name) ? (parent.Length == 0 ? name : parent + "." + name) : $"{parent}[\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";

    public static string Kind(JsonElement? e) => e switch
    {
        null => "missing",
        { ValueKind: JsonValueKind.String } => "a string",
        { ValueKind: JsonValueKind.Number } => "a number",
        { ValueKind: JsonValueKind.Array } => "an array",
        { ValueKind: JsonValueKind.Object } => "an object",
        { ValueKind: JsonValueKind.True or JsonValueKind.False } => "a boolean",
        { ValueKind: JsonValueKind.Null } => "null",
        _ => "something else",
    };

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();
}
