using ConnDiag.Dns.Configuration;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Get-ResolverConfiguration: nothing mandatory, names from the pipeline, optional files.</summary>
public class GetResolverConfigurationContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Get-ResolverConfiguration");

    [Fact]
    public void Is_Get_ResolverConfiguration_returning_one_ResolverConfiguration()
    {
        Assert.Equal(typeof(ConnDiag.Commands.GetResolverConfigurationCommand), Cmdlet.Type);
        Assert.Equal([CmdletMetadata.AllSets], Cmdlet.ParameterSets);
        Assert.Equal([typeof(ResolverConfiguration)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Has_no_mandatory_parameter()
    {
        Assert.All(Cmdlet.Parameters, p => Assert.All(p.Sets, s => Assert.False(s.Mandatory, $"-{p.Name} is mandatory")));
        Assert.Equal(["HostsPath", "Name", "NsswitchPath", "Path"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Name_is_a_positional_string_array_from_the_pipeline_also_by_TargetName()
    {
        var p = Cmdlet.Parameter("Name");
        Assert.Equal(typeof(string[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline && set.FromPipelineByPropertyName);
        Assert.Equal(["TargetName"], p.Aliases);
        // Test-TcpPort results carry TargetName, so failed targets pipe straight in.
        Assert.NotNull(typeof(ConnDiag.Tcp.TcpPortResult).GetProperty("TargetName"));
    }

    [Theory]
    [InlineData("Path")]
    [InlineData("HostsPath")]
    [InlineData("NsswitchPath")]
    public void File_parameters_are_named_strings_without_a_default(string name)
    {
        var p = Cmdlet.Parameter(name);
        Assert.Equal(typeof(string), p.Type);
        Assert.Null(Assert.Single(p.Sets).Position);
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }
}
