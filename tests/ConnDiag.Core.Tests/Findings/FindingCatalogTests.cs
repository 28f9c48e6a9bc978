using System.Reflection;
using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Findings;

public class FindingCatalogTests
{
    [Fact]
    public void Every_code_constant_is_in_the_catalogue_and_nothing_else_is()
    {
        var constants = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).OrderBy(c => c).ToList();
        var catalogue = FindingCatalog.All.Select(d => d.Code).OrderBy(c => c).ToList();
        Assert.Equal(constants, catalogue);
    }

    [Fact]
    public void Codes_are_unique_upper_case_and_prefixed_with_their_layer()
    {
        Assert.Equal(FindingCatalog.All.Count, FindingCatalog.All.Select(d => d.Code).Distinct().Count());
        foreach (var d in FindingCatalog.All)
        {
            Assert.Matches(new Regex("^[A-Z]+\\.[A-Z0-9_]+$"), d.Code);
            // ROUTER.* (claude-code-router config) and SERVICE.* are the DESIGN §4 prefixes that are not a Layer:
            // they describe configuration, so they are filed under Config (FindingCatalogDocsTests allows the same).
            var prefix = d.Code.Split('.')[0];
            var expected = prefix is "ROUTER" or "SERVICE" ? Layer.Config.ToString().ToUpperInvariant() : prefix;
            Assert.Equal(expected, d.Layer.ToString().ToUpperInvariant());
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Remedy), d.Code);
        }
    }

    [Fact]
    public void Create_takes_layer_and_severity_from_the_catalogue_and_keeps_a_specific_remedy()
    {
        var f = FindingCatalog.Create(FindingCodes.TcpRefused, "127.0.0.1:9 refused the connection.", "RST");
        Assert.Equal(Layer.Tcp, f.Layer);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(FindingCatalog.Get(FindingCodes.TcpRefused).Remedy, f.Remedy);

        var specific = FindingCatalog.Create(FindingCodes.TcpRefused, "s", "e", "Start the router.");
        Assert.Equal("Start the router.", specific.Remedy);
    }

    [Fact]
    public void Unknown_code_is_a_clear_error()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => FindingCatalog.Get("TCP.NOPE"));
        Assert.Contains("TCP.NOPE", ex.Message);
    }
}
