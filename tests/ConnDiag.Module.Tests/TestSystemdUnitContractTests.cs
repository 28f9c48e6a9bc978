using ConnDiag.Module.Tests.Support;
using ConnDiag.Ports;
using ConnDiag.Services;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-SystemdUnit: Name, Path and Port sets, pipeline bindings that compose, -Root and -Quiet.</summary>
public class TestSystemdUnitContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-SystemdUnit");

    [Fact]
    public void Is_Test_SystemdUnit_with_Name_Path_and_Port_sets()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestSystemdUnitCommand), Cmdlet.Type);
        Assert.Equal("Name", Cmdlet.DefaultSet);
        Assert.Equal(["Name", "Path", "Port"], Cmdlet.ParameterSets.Order(StringComparer.Ordinal));
        foreach (var set in Cmdlet.ParameterSets)
        {
            Assert.Equal([typeof(SystemdUnitReport), typeof(bool)], Cmdlet.OutputTypesFor(set));
        }
        Assert.Equal(["Name", "Path", "Port", "Quiet", "Root"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Name_is_positional_mandatory_and_binds_strings_and_reports_by_Unit()
    {
        var p = Cmdlet.Parameter("Name");
        Assert.Equal(typeof(string), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(("Name", 0, true), (set.SetName, set.Position, set.Mandatory));
        Assert.True(set.FromPipeline && set.FromPipelineByPropertyName);
        Assert.Equal(["Unit"], p.Aliases);
        // A report piped back in is checked again by its Unit.
        Assert.Equal(typeof(string), typeof(SystemdUnitReport).GetProperty("Unit")!.PropertyType);
    }

    [Fact]
    public void Port_is_mandatory_in_its_set_and_binds_Get_PortOwner_results_by_LocalPort()
    {
        var p = Cmdlet.Parameter("Port");
        Assert.Equal(typeof(int), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(("Port", null, true), (set.SetName, set.Position, set.Mandatory));
        Assert.True(set.FromPipelineByPropertyName);
        Assert.False(set.FromPipeline);
        Assert.Equal(["LocalPort"], p.Aliases);
        Assert.Equal(typeof(int), typeof(PortOwner).GetProperty("LocalPort")!.PropertyType);
        Assert.Equal(((object)1, (object)65535), p.ValidateRange);
    }

    [Fact]
    public void Path_is_mandatory_in_its_set_and_not_bound_from_the_pipeline()
    {
        // Not by FullName: a FileInfo would then match both Name (its Name) and Path, and the default set would win.
        var set = Assert.Single(Cmdlet.Parameter("Path").Sets);
        Assert.Equal(("Path", true, false, false), (set.SetName, set.Mandatory, set.FromPipeline, set.FromPipelineByPropertyName));
    }

    [Fact]
    public void Root_and_Quiet_are_optional_in_every_set()
    {
        Assert.Equal(typeof(string), Cmdlet.Parameter("Root").Type);
        Assert.True(Cmdlet.Parameter("Quiet").IsSwitch);
        foreach (var name in new[] { "Root", "Quiet" })
        {
            var set = Assert.Single(Cmdlet.Parameter(name).Sets);
            Assert.Equal((CmdletMetadata.AllSets, false), (set.SetName, set.Mandatory));
        }
    }
}
