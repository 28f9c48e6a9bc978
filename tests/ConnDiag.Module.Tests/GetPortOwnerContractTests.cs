using ConnDiag.Module.Tests.Support;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Get-PortOwner and the shape that lets its output pipe into Stop-Process.</summary>
public class GetPortOwnerContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Get-PortOwner");

    [Fact]
    public void Is_Get_PortOwner_returning_PortOwner()
    {
        Assert.Equal(typeof(ConnDiag.Commands.GetPortOwnerCommand), Cmdlet.Type);
        Assert.Equal([CmdletMetadata.AllSets], Cmdlet.ParameterSets);
        Assert.Equal([typeof(PortOwner)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Port_is_an_optional_positional_int_array_from_the_pipeline()
    {
        var p = Cmdlet.Parameter("Port");
        Assert.Equal(typeof(int[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.False(set.Mandatory, "no port means every listener");
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipelineByPropertyName);
        Assert.True(set.FromPipeline);
        Assert.Equal(((object)1, (object)65535), p.ValidateRange);
    }

    [Fact]
    public void Protocol_is_an_optional_transport_protocol()
    {
        var p = Cmdlet.Parameter("Protocol");
        Assert.Equal(typeof(TransportProtocol?), p.Type);
        Assert.False(Assert.Single(p.Sets).Mandatory);
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void State_defaults_to_Listen()
    {
        var p = Cmdlet.Parameter("State");
        Assert.Equal(typeof(PortStateFilter), p.Type);
        Assert.False(Assert.Single(p.Sets).Mandatory);
        Assert.Equal(PortStateFilter.Listen, Cmdlet.DefaultValueOf(p));
        Assert.Equal(["Listen", "All"], Enum.GetNames<PortStateFilter>());
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(["Port", "Protocol", "State"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PortOwner_has_an_int_property_named_exactly_Id_for_Stop_Process()
    {
        // Stop-Process -Id binds ValueFromPipelineByPropertyName and has no alias: the property must be called Id.
        var id = typeof(PortOwner).GetProperty("Id");
        Assert.NotNull(id);
        Assert.Equal("Id", id!.Name);
        Assert.Equal(typeof(int), Nullable.GetUnderlyingType(id.PropertyType) ?? id.PropertyType);
        Assert.True(id.GetMethod!.IsPublic);
        // No second spelling of the PID that a reader might pick instead.
        Assert.Null(typeof(PortOwner).GetProperty("ProcessId"));
        Assert.Null(typeof(PortOwner).GetProperty("PID"));
    }

    [Fact]
    public void Failed_tcp_results_bind_to_Port_by_property_name()
    {
        // Test-TcpPort ... | Where-Object { -not $_.Succeeded } | Get-PortOwner shows who holds those ports.
        Assert.NotNull(typeof(TcpPortResult).GetProperty("Port"));
        Assert.True(Cmdlet.Parameter("Port").Sets.All(s => s.FromPipelineByPropertyName));
    }
}
