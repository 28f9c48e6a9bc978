using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The manifest reader must refuse what it does not understand, or the manifest tests prove nothing.</summary>
public class Psd1ReaderTests
{
    [Fact]
    public void Reads_nested_tables_arrays_strings_and_literals()
    {
        var t = Psd1Reader.Parse("""
            # comment
            @{
                A = 'x'   # trailing comment
                'B c' = "y"; C = @('1', '2'
                  '3')
                <# block
                   comment #>
                D = @{ E = @() ; F = $true; G = $null; H = 42 }
                i = 'it''s'
            }
            """);
        Assert.Equal("x", t["A"]);
        Assert.Equal("y", t["B c"]);
        Assert.Equal(["1", "2", "3"], Assert.IsType<object?[]>(t["C"]));
        var d = Assert.IsType<Dictionary<string, object?>>(t["d"]);
        Assert.Empty(Assert.IsType<object?[]>(d["E"]));
        Assert.Equal(true, d["F"]);
        Assert.Null(d["G"]);
        Assert.Equal(42L, d["H"]);
        Assert.Equal("it's", t["I"]);
    }

    [Theory]
    [InlineData("@{ A = @('x', 'y' }", "expected")]
    [InlineData("@{ A = 'x' ", "missing '}'")]
    [InlineData("@{ A = 'x'; a = 'y' }", "duplicate key 'a'")]
    [InlineData("@{ A = bare }", "unexpected 'b'")]
    [InlineData("@{ A = \"$env:HOME\" }", "would be expanded")]
    [InlineData("@{ A = $PSScriptRoot }", "variables are not allowed")]
    [InlineData("@{ A = 'x' 'y' }", "expected a newline")]
    [InlineData("@{ A = @('x' 'y') }", "expected ','")]
    [InlineData("@{ A = @('x',) }", "without an element after it")]
    [InlineData("@{ A = 'unterminated }", "unterminated string")]
    [InlineData("@{ A = 'x' } trailing", "unexpected text")]
    [InlineData("'not a table'", "one hashtable")]
    [InlineData("@{ A = (Get-Date) }", "unexpected '('")]
    [InlineData("@{ <# open A = 'x' }", "unterminated block comment")]
    public void Rejects_what_it_does_not_understand(string text, string expected)
    {
        var ex = Assert.Throws<Psd1FormatException>(() => Psd1Reader.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_the_line_and_column_of_the_problem()
    {
        var ex = Assert.Throws<Psd1FormatException>(() => Psd1Reader.Parse("@{\n  A = 'x'\n  B = oops\n}"));
        Assert.StartsWith("line 3, column 7:", ex.Message, StringComparison.Ordinal);
    }
}
