using ConnDiag.Firewall;
using ConnDiag.Module.Tests.Support;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Get-FirewallRule.</summary>
public class GetFirewallRuleContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Get-FirewallRule");

    [Fact]
    public void Is_Get_FirewallRule_returning_FirewallRule()
    {
        Assert.Equal(typeof(ConnDiag.Commands.GetFirewallRuleCommand), Cmdlet.Type);
        Assert.Equal([CmdletMetadata.AllSets], Cmdlet.ParameterSets);
        Assert.Equal([typeof(FirewallRule)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(["Backend", "Direction", "NetworkNamespace", "Port", "Protocol"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Port_is_an_optional_positional_port_with_the_LocalPort_alias_bound_by_property_name()
    {
        var p = Cmdlet.Parameter("Port");
        Assert.Equal(typeof(int?), p.Type);
        Assert.Equal(["LocalPort"], p.Aliases);
        var set = Assert.Single(p.Sets);
        Assert.False(set.Mandatory, "no port means every rule");
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipelineByPropertyName);
        Assert.Equal(((object)1, (object)65535), p.ValidateRange);
        // Test-TcpPort ... | Get-FirewallRule: the failed ports bind by name.
        Assert.NotNull(typeof(TcpPortResult).GetProperty("Port"));
    }

    [Fact]
    public void Protocol_direction_namespace_and_backend_are_optional_filters()
    {
        Assert.Equal(typeof(TransportProtocol?), Cmdlet.Parameter("Protocol").Type);
        Assert.Equal(typeof(FirewallDirection?), Cmdlet.Parameter("Direction").Type);
        Assert.Equal(["None", "Inbound", "Outbound", "Forward"], Enum.GetNames<FirewallDirection>());
        Assert.True(typeof(FirewallDirection).IsDefined(typeof(FlagsAttribute), false), "directions combine: Inbound, Outbound");
        var ns = Cmdlet.Parameter("NetworkNamespace");
        Assert.Equal(typeof(string), ns.Type);
        Assert.Equal(["Netns"], ns.Aliases);
        Assert.Equal(typeof(FirewallBackend[]), Cmdlet.Parameter("Backend").Type);
        Assert.All(Cmdlet.Parameters, p => Assert.False(Assert.Single(p.Sets).Mandatory));
    }

    [Fact]
    public void Is_read_only()
    {
        // It lists rules; nothing to confirm, so no ShouldProcess.
        var attribute = Cmdlet.Type.GetCustomAttributes(typeof(System.Management.Automation.CmdletAttribute), false)
            .Cast<System.Management.Automation.CmdletAttribute>().Single();
        Assert.False(attribute.SupportsShouldProcess);
    }
}
