using ConnDiag.Claude.Router;
using ConnDiag.Findings;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Claude.Router.RouterValidation;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>The JSON5 the router accepts is accepted; anything else is ROUTER.CONFIG_SYNTAX at the right place.</summary>
public class Json5SyntaxTests
{
    [Fact]
    public async Task Comments_trailing_commas_single_quotes_and_bare_keys_are_accepted()
    {
        var report = await RunAsync("""
            // leading comment
            {
              /* block
                 comment */ Providers: [
                { name: 'p', "api_base_url": 'https://llm.example.test/v1/chat/completions', // trailing comment
                  api_key: '$GATEWAY_KEY', models: ['m1', "it's", 'say "hi"',], },
              ],
              "Router": { "default": "p,m1", },
            }
            """);

        Assert.Empty(report.Findings);
        var provider = Assert.Single(report.Providers);
        Assert.Equal(["m1", "it's", "say \"hi\""], provider.Models);
        Assert.Equal("https://llm.example.test/v1/chat/completions", provider.BaseUrl);
    }

    [Theory]
    [InlineData("0xD80", 3456)]
    [InlineData("+3456", 3456)]
    [InlineData("3456.", 3456)]
    [InlineData("0x0d80", 3456)]
    public async Task JSON5_numbers_are_read_as_the_router_reads_them(string port, int expected)
    {
        var report = await RunAsync(Config(extra: $"\"PORT\": {port}"));

        Assert.Empty(report.Findings);
        Assert.Equal(expected, report.Port);
    }

    [Theory]
    [InlineData(".5e6", false)]
    [InlineData("6.e5", false)]
    [InlineData("-.5", true)]
    public async Task Leading_and_trailing_decimal_points_are_numbers(string value, bool tooLow)
    {
        var report = await RunAsync(Config(extra: $"\"API_TIMEOUT_MS\": {value}"));

        Assert.Equal(tooLow, report.Findings.Any(f => f.Code == FindingCodes.RouterTimeoutTooLow));
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.RouterConfigSyntax);
    }

    [Fact]
    public async Task JSON5_string_escapes_raw_tabs_and_extra_white_space_are_accepted()
    {
        // \x41 = A, \v and \0 are control characters, \q stands for q, a backslash-newline vanishes,
        // a raw tab is allowed inside a JSON5 string, and a no-break space is white space between tokens.
        var models = "[\"\\x41\", \"a\\vb\\0\", \"\\q\", \"one\\\ntwo\", \"tab\there\"]";
        var provider = "{\u00A0\"name\": \"p\", \"api_base_url\": \"https://x.example.test/v1\", \"api_key\": \"\", \"models\": " + models + " }";
        var report = await RunAsync(Config(providers: provider,
            router: "\"default\": \"p,A\""));

        Assert.Empty(report.Findings);
        Assert.Equal(["A", "a\vb\0", "q", "onetwo", "tab\there"], report.Providers[0].Models);
    }

    [Theory]
    [InlineData("{ \"PORT\": Infinity }", 1, 11)]
    [InlineData("{ \"PORT\": 1.2.3 }", 1, 14)]
    public async Task Numbers_JSON_cannot_hold_are_syntax_errors(string text, int line, int column)
    {
        Assert.Contains($"config.json:{line}:{column}: ", Only(await RunAsync(text), FindingCodes.RouterConfigSyntax).Summary);
    }

    [Fact]
    public async Task Comment_markers_inside_strings_are_text()
    {
        var report = await RunAsync(Config(providers: """{ "name": "p", "api_base_url": "https://llm.example.test/v1//x/*y*/", "api_key": "", "models": ["m1", "a,]"] }"""));

        Assert.Empty(report.Findings);
        Assert.Equal("https://llm.example.test/v1//x/*y*/", report.Providers[0].BaseUrl);
        Assert.Equal(["m1", "a,]"], report.Providers[0].Models);
    }

    [Theory]
    // A missing comma between members: the error is at the second key (line 3, column 3).
    [InlineData("{\n  \"PORT\": 3456\n  \"HOST\": \"127.0.0.1\"\n}", 3, 3)]
    // After a comment that the converter removed, positions are still the file's.
    [InlineData("{\n  /* a comment */ \"PORT\": 34x56\n}", 2, 29)]
    // Non-ASCII text before the error on the same line: columns count characters, not UTF-8 bytes (System.Text.Json
    // stops after the bad literal, at byte 40 = character 36).
    [InlineData("{ \"name\": \"Zürich ünd Ærø\", \"x\": tru }", 1, 37)]
    // A bare word that is not JSON5 (placed where the parser gave up, after the n).
    [InlineData("{\r\n  \"a\": 1,\r\n  \"b\": nope\r\n}", 3, 9)]
    // Unclosed at the end of the file.
    [InlineData("{\n  \"a\": [1, 2\n", 3, 1)]
    public async Task Syntax_errors_name_the_line_and_column_of_the_original_file(string text, int line, int column)
    {
        var report = await RunAsync(text);

        var f = Only(report, FindingCodes.RouterConfigSyntax);
        Assert.Equal((Layer.Config, Severity.Error), (f.Layer, f.Severity));
        Assert.Contains($"config.json:{line}:{column}: ", f.Summary);
        Assert.Contains($"line {line}, column {column}", f.Evidence);
        Assert.Empty(report.Providers);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task An_unclosed_block_comment_is_placed_where_it_opens()
    {
        var f = Only(await RunAsync("{\n  \"a\": 1, /* never closed\n  \"b\": 2\n}"), FindingCodes.RouterConfigSyntax);

        Assert.Contains("config.json:2:11: the /* comment is never closed", f.Summary);
    }

    [Fact]
    public async Task An_unclosed_string_is_placed_where_it_opens()
    {
        var f = Only(await RunAsync("{\n  \"name\": \"abc\n}"), FindingCodes.RouterConfigSyntax);

        Assert.Contains("config.json:2:11: the string is never closed on its line", f.Summary);
    }

    [Fact]
    public async Task A_top_level_array_is_a_syntax_finding_not_a_crash()
    {
        var f = Only(await RunAsync("[1, 2]"), FindingCodes.RouterConfigSyntax);

        Assert.Contains("the top level is an array, not an object", f.Summary);
    }

    [Fact]
    public async Task A_byte_order_mark_is_accepted_and_not_counted_as_a_column()
    {
        Assert.Empty((await RunAsync("\uFEFF" + Config())).Findings);
        var f = Only(await RunAsync("\uFEFF{ \"a\": x }"), FindingCodes.RouterConfigSyntax);
        Assert.Contains("config.json:1:8: ", f.Summary);
    }

    [Fact]
    public async Task Duplicate_keys_keep_the_last_value_as_JavaScript_does()
    {
        var report = await RunAsync("{ \"PORT\": 0, \"PORT\": 4000, " + Config()[1..]);

        Assert.Empty(report.Findings);
        Assert.Equal(4000, report.Port);
    }
}
