using System.Text.Json;
using ConnDiag.Reports;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>What the report writers refuse, and how they say so: the shape they expected, where the input went wrong.</summary>
public sealed class ReportReaderTests
{
    private static ReportInputException Refused(string json) =>
        Assert.Throws<ReportInputException>(() => ReportDocument.Render([ReportDocument.ParseJson(json, "input.json")], ReportFormat.Html));

    [Theory]
    [InlineData("""{"targetName":"h","port":1,"status":"Open","findings":[]}""", "is not a report (an object with 'targetName', 'port', 'status', 'findings')")]
    [InlineData("""{}""", "is not a report (an empty object)")]
    [InlineData("""[{"outcome":"Pass","stages":[],"findings":[]}, 42]""", "item 2 of the array is a JSON number, not a report")]
    [InlineData("""[]""", "the input is an empty array")]
    [InlineData("""  "text" """, "the input is a JSON string, not a report")]
    public void Another_shape_is_refused_naming_what_was_expected(string json, string expected)
    {
        var ex = Refused(json);

        Assert.Contains(expected, ex.Message);
        if (!expected.Contains("empty array", StringComparison.Ordinal)) Assert.EndsWith(ReportReader.ExpectedShape, ex.Message);
        Assert.Contains("conndiag endpoint --json", ex.Message);
    }

    [Theory]
    [InlineData("{\"outcome\": \"Pass\",\n  \"stages\": [}", 2, 14)]
    [InlineData("{\"a\":1,", 1, 7)]
    [InlineData("[{\"outcome\":\"Pass\"}] trailing", 1, 22)]
    public void Bad_json_names_the_line_and_column(string json, int line, int column)
    {
        var ex = Assert.Throws<ReportInputException>(() => ReportDocument.ParseJson(json, "input.json"));

        Assert.StartsWith($"input.json:{line}:{column}: not valid JSON: ", ex.Message);
        Assert.DoesNotContain("LineNumber", ex.Message);
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        var ex = Assert.Throws<ReportInputException>(() => ReportDocument.ParseJson(" \n ", "stdin"));
        Assert.StartsWith("stdin: the input is empty", ex.Message);
    }

    [Fact]
    public void More_reports_than_the_cap_are_refused()
    {
        var one = """{"outcome":"Pass","stages":[],"findings":[],"target":{"host":"h","port":1}}""";
        var many = "[" + string.Join(",", Enumerable.Repeat(one, ReportReader.MaxReports + 1)) + "]";

        var ex = Refused(many);

        Assert.Contains($"more than {ReportReader.MaxReports} reports", ex.Message);
    }

    [Fact]
    public void A_minimal_report_with_a_host_target_reads()
    {
        var views = ReportReader.Read(JsonDocument.Parse("""{"outcome":"Warn","failedStage":null,"stages":[{"stage":"unit","layer":"Local","outcome":"Warn","durationMs":1.5,"summary":"s","findings":[],"evidence":null}],"findings":[],"target":{"host":"::1","port":22},"url":null}""").RootElement);

        var v = Assert.Single(views);
        Assert.Equal("[::1]:22", v.Target);
        Assert.Equal("Warn", v.Outcome);
        Assert.Equal(new StageView("unit", "Local", "Warn", 1.5, "s"), Assert.Single(v.Stages));
        Assert.Empty(v.HttpPhases);
    }
}
