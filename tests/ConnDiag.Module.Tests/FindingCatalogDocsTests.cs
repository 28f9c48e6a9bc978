using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>docs/findings.md says exactly what FindingCatalog says, and the codes follow the LAYER.NAME rule.</summary>
public partial class FindingCatalogDocsTests
{
    /// <summary>Code prefixes that are not a <see cref="Layer"/> name but are planned in DESIGN §4.</summary>
    private static readonly string[] ExtraPrefixes = ["ROUTER", "SERVICE"];

    private sealed record DocFinding(string Code, string Layer, string Severity, string Title, string Remedy);

    private static IReadOnlyList<DocFinding> ReadDoc()
    {
        var doc = MarkdownDocument.Load(RepoPaths.FindingsDoc);
        var top = Assert.Single(doc.Sections);
        var result = new List<DocFinding>();
        foreach (var section in top.Children)
        {
            var lines = section.Body.Where(l => l.Trim().Length > 0).ToList();
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var m = FieldLine().Match(line);
                Assert.True(m.Success, $"findings.md ## {section.Title}: '{line}' is not '- Field: value'");
                Assert.True(fields.TryAdd(m.Groups[1].Value, m.Groups[2].Value), $"findings.md ## {section.Title}: {m.Groups[1].Value} twice");
            }
            Assert.Equal(["Layer", "Severity", "Title", "Remedy"], fields.Keys);
            result.Add(new DocFinding(section.Title, fields["Layer"], fields["Severity"], fields["Title"], fields["Remedy"]));
        }
        return result;
    }

    private static string Section(FindingDefinition d) =>
        $"## {d.Code}\n\n- Layer: {d.Layer}\n- Severity: {d.Severity}\n- Title: {d.Title}\n- Remedy: {d.Remedy}\n";

    [Fact]
    public void The_doc_lists_exactly_the_catalogue_codes()
    {
        var doc = ReadDoc();
        var documented = doc.Select(d => d.Code).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        var missing = FindingCatalog.All.Where(d => !documented.Contains(d.Code)).ToList();
        Assert.True(missing.Count == 0, "docs/findings.md lacks these codes; add:\n\n" + string.Join("\n", missing.Select(Section)));
        var unknown = documented.Where(c => !FindingCatalog.Contains(c)).ToList();
        Assert.True(unknown.Count == 0, $"docs/findings.md documents codes the catalogue does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Each_documented_code_matches_its_catalogue_entry()
    {
        foreach (var d in ReadDoc().Where(d => FindingCatalog.Contains(d.Code)))
        {
            var def = FindingCatalog.Get(d.Code);
            Assert.True(d == new DocFinding(def.Code, def.Layer.ToString(), def.Severity.ToString(), def.Title, def.Remedy),
                $"docs/findings.md ## {d.Code} differs from the catalogue; it should read:\n\n{Section(def)}");
        }
    }

    [Fact]
    public void Codes_are_upper_case_LAYER_dot_NAME_with_a_known_layer()
    {
        Assert.NotEmpty(FindingCatalog.All);
        var layers = Enum.GetNames<Layer>().Select(n => n.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var d in FindingCatalog.All)
        {
            Assert.Matches(CodePattern(), d.Code);
            var prefix = d.Code[..d.Code.IndexOf('.', StringComparison.Ordinal)];
            Assert.True(layers.Contains(prefix) || ExtraPrefixes.Contains(prefix), $"{d.Code}: '{prefix}' is not a known layer");
            if (layers.Contains(prefix))
            {
                Assert.True(prefix == d.Layer.ToString().ToUpperInvariant(), $"{d.Code} is filed under layer {d.Layer}");
            }
            Assert.False(string.IsNullOrWhiteSpace(d.Title), $"{d.Code} has no title");
            Assert.False(string.IsNullOrWhiteSpace(d.Remedy), $"{d.Code} has no remedy");
        }
    }

    [Fact]
    public void Codes_are_unique_and_every_constant_is_catalogued()
    {
        var codes = FindingCatalog.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        var constants = typeof(FindingCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(constants);
        Assert.Equal(constants.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("TCP.REFUSED", true)]
    [InlineData("LOCAL.NOT_LISTENING", true)]
    [InlineData("TCP.IPV6_BROKEN", true)]
    [InlineData("tcp.refused", false)]
    [InlineData("TCP_REFUSED", false)]
    [InlineData("TCP.", false)]
    [InlineData("TCP.REFUSED.AGAIN", false)]
    [InlineData("TCP.REFUSED_", false)]
    public void The_code_pattern_accepts_only_LAYER_dot_NAME(string code, bool valid)
    {
        Assert.Equal(valid, CodePattern().IsMatch(code));
    }

    [GeneratedRegex(@"^[A-Z]+\.[A-Z0-9]+(_[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^- (Layer|Severity|Title|Remedy): (.+)$")]
    private static partial Regex FieldLine();
}
