using ConnDiag.Claude.Router;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-RouterConfig: an optional positional path from the pipeline, and -Quiet.</summary>
public class TestRouterConfigContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-RouterConfig");

    [Fact]
    public void Is_Test_RouterConfig_with_a_Default_and_a_Quiet_set()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestRouterConfigCommand), Cmdlet.Type);
        Assert.Equal("Default", Cmdlet.DefaultSet);
        Assert.Equal(["Default", "Quiet"], Cmdlet.ParameterSets);
        Assert.Equal([typeof(RouterConfigReport)], Cmdlet.OutputTypesFor("Default"));
        Assert.Equal([typeof(bool)], Cmdlet.OutputTypesFor("Quiet"));
    }

    [Fact]
    public void Has_exactly_Path_Probe_Quiet_and_SkipProviderCheck()
    {
        Assert.Equal(["Path", "Probe", "Quiet", "SkipProviderCheck"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Probe")]
    [InlineData("SkipProviderCheck")]
    public void Probe_and_SkipProviderCheck_are_optional_switches_in_every_set(string name)
    {
        var p = Cmdlet.Parameter(name);
        Assert.Equal(typeof(System.Management.Automation.SwitchParameter), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(CmdletMetadata.AllSets, set.SetName);
        Assert.False(set.Mandatory);
    }

    [Fact]
    public void Path_is_optional_positional_and_binds_files_by_FullName_and_reports_by_Path()
    {
        var p = Cmdlet.Parameter("Path");
        Assert.Equal(typeof(string), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(CmdletMetadata.AllSets, set.SetName);
        Assert.Equal(0, set.Position);
        Assert.False(set.Mandatory);
        Assert.True(set.FromPipeline && set.FromPipelineByPropertyName);
        Assert.Equal(["FullName"], p.Aliases);
        // Get-ChildItem *.json | Test-RouterConfig binds FileInfo.FullName; a report pipes back by Path.
        Assert.NotNull(typeof(FileInfo).GetProperty("FullName"));
        Assert.NotNull(typeof(RouterConfigReport).GetProperty("Path"));
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Quiet_is_a_switch_that_selects_its_set()
    {
        var p = Cmdlet.Parameter("Quiet");
        Assert.True(p.IsSwitch);
        var set = Assert.Single(p.Sets);
        Assert.Equal(("Quiet", true), (set.SetName, set.Mandatory));
    }
}
