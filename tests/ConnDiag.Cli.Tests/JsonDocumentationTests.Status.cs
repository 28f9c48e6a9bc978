using System.Text.Json;
using ConnDiag.Claude.Status;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Status.Support;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag status --json` tables against the real output of a loopback Statuspage.</summary>
public partial class JsonDocumentationTests
{
    [Fact]
    public async Task Provider_status_properties_match_the_real_output()
    {
        await using var pages = await StatuspageFixture.StartAsync();
        var outage = await Conndiag.RunAsync("status", "--url", pages.Page(StatuspageFixture.Outage), "--json");
        var maintenance = await Conndiag.RunAsync("status", "--url", pages.Page(StatuspageFixture.Maintenance), "--json");
        Assert.True(outage.ExitCode == 1, outage.ToString());
        Assert.True(maintenance.ExitCode == 0, maintenance.ToString());
        using var a = JsonDocument.Parse(outage.Stdout);
        using var b = JsonDocument.Parse(maintenance.Stdout);
        var roots = new[] { a.RootElement, b.RootElement };
        IEnumerable<JsonElement> Each(string name) => roots.SelectMany(r => r.GetProperty(name).EnumerateArray());

        AssertSameNames("Provider status report", roots.SelectMany(Names));
        AssertSameNames("Status component", Each("nonOperationalComponents").SelectMany(Names));
        AssertSameNames("Status incident", Each("unresolvedIncidents").Concat(Each("activeMaintenances")).SelectMany(Names));
        AssertSameNames("Finding", Each("findings").SelectMany(Names));
    }

    [Theory]
    [InlineData("Provider status report", typeof(ProviderStatusReport))]
    [InlineData("Status component", typeof(StatusComponent))]
    [InlineData("Status incident", typeof(StatusIncident))]
    public void Status_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        Documented_enum_values_are_the_engine_enum_names(section, type);
    }
}
