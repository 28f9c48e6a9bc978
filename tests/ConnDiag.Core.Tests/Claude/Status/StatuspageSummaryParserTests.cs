using System.Text;
using ConnDiag.Claude.Status;

namespace ConnDiag.Core.Tests.Claude.Status;

/// <summary>The summary reader's mapping of Statuspage strings and its shape test, on bodies in memory.</summary>
public sealed class StatuspageSummaryParserTests
{
    [Theory]
    [InlineData("none", StatusIndicator.None)]
    [InlineData("minor", StatusIndicator.Minor)]
    [InlineData("major", StatusIndicator.Major)]
    [InlineData("critical", StatusIndicator.Critical)]
    [InlineData("maintenance", StatusIndicator.Maintenance)]
    [InlineData("catastrophic", StatusIndicator.Unknown)]
    public void Indicators_map_to_the_enum_and_unknown_words_to_Unknown(string word, StatusIndicator expected)
    {
        Assert.True(StatuspageSummaryParser.TryParse(Encoding.UTF8.GetBytes($$$"""{"page":{"name":"P"},"status":{"indicator":"{{{word}}}"}}"""), out var s, out var problem), problem);
        Assert.Equal(expected, s!.Indicator);
        Assert.Empty(s.NonOperationalComponents);
    }

    [Theory]
    [InlineData("operational", ComponentStatus.Operational)]
    [InlineData("degraded_performance", ComponentStatus.DegradedPerformance)]
    [InlineData("partial_outage", ComponentStatus.PartialOutage)]
    [InlineData("major_outage", ComponentStatus.MajorOutage)]
    [InlineData("under_maintenance", ComponentStatus.UnderMaintenance)]
    [InlineData("on_fire", ComponentStatus.Unknown)]
    public void Component_statuses_map_to_the_enum(string word, ComponentStatus expected)
    {
        Assert.Equal(expected, StatuspageSummaryParser.Component(word));
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"x\"", "a string")]
    [InlineData("{\"page\":{},\"status\":{}}", "no 'status.indicator' string")]
    [InlineData("{\"page\":{},\"status\":{\"indicator\":3}}", "no 'status.indicator' string")]
    [InlineData("{\"page\":[],\"status\":{\"indicator\":\"none\"}}", "no 'page' object")]
    [InlineData("", "not JSON")]
    public void Other_shapes_are_refused_with_a_reason(string json, string why)
    {
        Assert.False(StatuspageSummaryParser.TryParse(Encoding.UTF8.GetBytes(json), out var s, out var problem));
        Assert.Null(s);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_names_are_cut_and_control_free_items_survive_wrong_types()
    {
        var longName = new string('x', 2000);
        var json = $$$"""{"page":{"name":"{{{longName}}}"},"status":{"indicator":"minor","description":7},"components":[3,{"name":"A","status":"major_outage"}],"incidents":"nope"}""";

        Assert.True(StatuspageSummaryParser.TryParse(Encoding.UTF8.GetBytes(json), out var s, out _));
        Assert.Equal(501, s!.PageName!.Length);
        Assert.Null(s.Description);
        Assert.Equal("A", Assert.Single(s.NonOperationalComponents).Name);
        Assert.Empty(s.UnresolvedIncidents);
    }
}
