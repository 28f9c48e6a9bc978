using System.Management.Automation;
using System.Reflection;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of ConvertTo-PrometheusMetric (issue 7), read from the attributes.</summary>
public class ConvertToPrometheusMetricContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("ConvertTo-PrometheusMetric");

    [Fact]
    public void Is_ConvertTo_PrometheusMetric_returning_one_string()
    {
        Assert.Equal(typeof(ConnDiag.Commands.ConvertToPrometheusMetricCommand), Cmdlet.Type);
        Assert.Equal([CmdletMetadata.AllSets], Cmdlet.ParameterSets);
        Assert.Equal([typeof(string)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Has_only_InputObject_mandatory_positional_from_the_pipeline_as_PSObjects()
    {
        var p = Assert.Single(Cmdlet.Parameters);
        Assert.Equal("InputObject", p.Name);
        // PSObject, so the cmdlet sees what the pipeline carried and unwraps BaseObject itself (objects, JSON strings).
        Assert.Equal(typeof(PSObject[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal((CmdletMetadata.AllSets, 0, true, true, false), (set.SetName, set.Position, set.Mandatory, set.FromPipeline, set.FromPipelineByPropertyName));
    }

    [Fact]
    public void Writes_its_one_string_in_EndProcessing_after_all_input_is_collected()
    {
        // Families must not repeat, so nothing can be written per record: EndProcessing writes the whole text.
        var end = Cmdlet.Type.GetMethod("EndProcessing", BindingFlags.Instance | BindingFlags.NonPublic);
        Assert.NotNull(end);
        Assert.Equal(Cmdlet.Type, end!.DeclaringType);
    }

    [Fact]
    public void Is_exported_by_the_manifest()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoRoot(), "ConnDiag.psd1"));
        Assert.Contains("'ConvertTo-PrometheusMetric'", manifest);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnDiag.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("ConnDiag.sln not found above the test directory");
    }
}
