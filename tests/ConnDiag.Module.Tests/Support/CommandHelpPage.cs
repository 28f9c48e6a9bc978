namespace ConnDiag.Module.Tests.Support;

/// <summary>One parameter set entry of a PlatyPS v2 parameter block.</summary>
internal sealed record DocParameterSet(string Name, string Position, bool IsRequired, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName, bool ValueFromRemainingArguments);

/// <summary>A '### -Name' section of a PlatyPS v2 page: its description and yaml block.</summary>
internal sealed record DocParameter(
    string Name, string Description, string Type, string DefaultValue, IReadOnlyList<string> Aliases,
    IReadOnlyList<DocParameterSet> ParameterSets, IReadOnlyList<string> AcceptedValues);

/// <summary>A cmdlet help page in PlatyPS v2 markdown (schema 2024-05-01).</summary>
internal sealed class CommandHelpPage
{
    /// <summary>The second-level sections of a v2 cmdlet page, in the order PlatyPS writes them.</summary>
    public static readonly string[] SectionOrder =
        ["SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private CommandHelpPage(string path, MarkdownDocument doc, MarkdownSection title)
    {
        Path = path;
        Document = doc;
        TitleSection = title;
    }

    public string Path { get; }
    public MarkdownDocument Document { get; }
    public MarkdownSection TitleSection { get; }
    public string Name => TitleSection.Title;

    public IReadOnlyList<string> SectionTitles => TitleSection.Children.Select(c => c.Title).ToList();

    public MarkdownSection Section(string title) =>
        TitleSection.Child(title) ?? throw new Xunit.Sdk.XunitException($"{Path}: no '## {title}' section.");

    public static CommandHelpPage Load(string path)
    {
        var doc = MarkdownDocument.Load(path);
        if (doc.Sections.Count != 1 || doc.Sections[0].Level != 1)
        {
            throw new Xunit.Sdk.XunitException($"{path}: expected exactly one '# Verb-Noun' heading above all sections.");
        }
        return new CommandHelpPage(path, doc, doc.Sections[0]);
    }

    /// <summary>Parameter sections ('### -Name'), excluding '### CommonParameters'.</summary>
    public IReadOnlyList<DocParameter> Parameters() =>
        Section("PARAMETERS").Children.Where(c => c.Title.StartsWith('-')).Select(ParseParameter).ToList();

    private DocParameter ParseParameter(MarkdownSection section)
    {
        var name = section.Title[1..];
        var yamlBlocks = section.CodeBlocks().Where(b => b.Info == "yaml").ToList();
        if (yamlBlocks.Count != 1) throw new Xunit.Sdk.XunitException($"{Path}: -{name} should have exactly one ```yaml block, found {yamlBlocks.Count}.");
        var yaml = ParameterYaml.Parse(yamlBlocks[0].Code, $"{Path} -{name}");
        var description = string.Join('\n', section.Body.TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))).Trim();

        string Scalar(string key) => yaml.TryGetValue(key, out var v) && v is string s
            ? s
            : throw new Xunit.Sdk.XunitException($"{Path}: -{name}: yaml has no scalar '{key}'.");
        IReadOnlyList<object> List(string key) => yaml.TryGetValue(key, out var v) && v is List<object> l
            ? l
            : throw new Xunit.Sdk.XunitException($"{Path}: -{name}: yaml has no list '{key}' (write '{key}: []' when empty).");

        var sets = List("ParameterSets").Select(item =>
        {
            if (item is not Dictionary<string, string> m) throw new Xunit.Sdk.XunitException($"{Path}: -{name}: ParameterSets entries must be maps.");
            string Get(string k) => m.TryGetValue(k, out var v) ? v : throw new Xunit.Sdk.XunitException($"{Path}: -{name}: a ParameterSets entry lacks '{k}'.");
            bool Bool(string k) => Get(k) switch
            {
                "true" => true,
                "false" => false,
                var other => throw new Xunit.Sdk.XunitException($"{Path}: -{name}: {k} must be true or false, not '{other}'."),
            };
            return new DocParameterSet(Get("Name"), Get("Position"), Bool("IsRequired"), Bool("ValueFromPipeline"),
                Bool("ValueFromPipelineByPropertyName"), Bool("ValueFromRemainingArguments"));
        }).ToList();

        return new DocParameter(name, description, Scalar("Type"), Scalar("DefaultValue"),
            List("Aliases").Cast<string>().ToList(), sets, List("AcceptedValues").Cast<string>().ToList());
    }

    /// <summary>
    /// The subset of YAML PlatyPS writes in a parameter block: 'Key: scalar', 'Key: []', and 'Key:' followed by
    /// '- scalar' items or '- K: v' maps continued by '  K: v' lines. Anything else is an error.
    /// </summary>
    private static class ParameterYaml
    {
        public static Dictionary<string, object> Parse(string text, string where)
        {
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            List<object>? list = null;
            Dictionary<string, string>? map = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.Length == 0) continue;
                if (line.StartsWith("- ", StringComparison.Ordinal))
                {
                    if (list is null) throw Fail(where, line, "a list item without a 'Key:' line above it");
                    var item = line[2..];
                    if (TrySplit(item, out var k, out var v))
                    {
                        map = new Dictionary<string, string>(StringComparer.Ordinal) { [k] = v };
                        list.Add(map);
                    }
                    else
                    {
                        map = null;
                        list.Add(Unquote(item));
                    }
                    continue;
                }
                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    if (map is null || !TrySplit(line.Trim(), out var k, out var v)) throw Fail(where, line, "an indented line outside a list map");
                    if (!map.TryAdd(k, v)) throw Fail(where, line, $"'{k}' twice in one entry");
                    continue;
                }
                if (!TrySplit(line, out var key, out var value)) throw Fail(where, line, "not 'Key: value'");
                map = null;
                list = null;
                object parsed;
                if (value.Length == 0) parsed = list = [];
                else if (value == "[]") parsed = new List<object>();
                else parsed = value;
                if (!result.TryAdd(key, parsed)) throw Fail(where, line, $"'{key}' twice");
            }
            return result;
        }

        private static bool TrySplit(string line, out string key, out string value)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0 && line.EndsWith(':')) colon = line.Length - 1;
            if (colon <= 0 || line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                key = value = "";
                return false;
            }
            key = line[..colon];
            value = Unquote(line[(colon + 1)..].Trim());
            return true;
        }

        private static string Unquote(string s) =>
            s.Length >= 2 && s[0] == '\'' && s[^1] == '\'' ? s[1..^1].Replace("''", "'", StringComparison.Ordinal) : s;

        private static Xunit.Sdk.XunitException Fail(string where, string line, string why) => new($"{where}: yaml line '{line}': {why}.");
    }
}
