using ConnDiag.Dns.Client;
using ConnDiag.Dns.Wire;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Resolve-DnsRecord (issue 3), read from the attributes.</summary>
public class ResolveDnsRecordContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Resolve-DnsRecord");

    [Fact]
    public void Is_Resolve_DnsRecord_returning_DnsAnswer()
    {
        Assert.Equal(typeof(ConnDiag.Commands.ResolveDnsRecordCommand), Cmdlet.Type);
        Assert.Equal([typeof(DnsAnswer)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Has_exactly_the_parameters_of_the_issue()
    {
        Assert.Equal(
            ["Dnssec", "Name", "NoHostsFile", "NoRecursion", "Server", "Tcp", "TimeoutSeconds", "Type"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Name_is_a_mandatory_positional_string_array_from_the_pipeline()
    {
        var p = Cmdlet.Parameter("Name");
        Assert.Equal(typeof(string[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.True(set.Mandatory);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline);
        Assert.True(set.FromPipelineByPropertyName);
        // Its own answers bind back by property name.
        Assert.NotNull(typeof(DnsAnswer).GetProperty("Name"));
    }

    [Fact]
    public void Type_is_the_record_type_enum_at_position_1_defaulting_to_A()
    {
        var p = Cmdlet.Parameter("Type");
        Assert.Equal(typeof(DnsRecordType), p.Type);
        Assert.Equal(1, Assert.Single(p.Sets).Position);
        Assert.Equal(DnsRecordType.A, Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Server_is_a_string_array_so_several_servers_line_up()
    {
        var p = Cmdlet.Parameter("Server");
        Assert.Equal(typeof(string[]), p.Type);
        Assert.Null(Assert.Single(p.Sets).Position);
    }

    [Theory]
    [InlineData("Tcp")]
    [InlineData("NoRecursion")]
    [InlineData("Dnssec")]
    [InlineData("NoHostsFile")]
    public void Flags_are_switches(string name)
    {
        Assert.True(Cmdlet.Parameter(name).IsSwitch);
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_the_dig_default()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(["TimeoutSec"], p.Aliases);
        Assert.Equal(((object)1, (object)300), p.ValidateRange);
        Assert.Equal(5, Cmdlet.DefaultValueOf(p));
    }
}
