using System.Management.Automation;
using ConnDiag.Module.Tests.Support;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-TcpPort (issue 2, DESIGN §5), read from the attributes.</summary>
public class TestTcpPortContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-TcpPort");

    [Fact]
    public void Is_Test_TcpPort_with_a_Default_set()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestTcpPortCommand), Cmdlet.Type);
        Assert.Equal("Default", Cmdlet.DefaultSet);
        Assert.Equal(["Default", "Quiet"], Cmdlet.ParameterSets);
    }

    [Fact]
    public void TargetName_is_mandatory_positional_and_takes_the_pipeline()
    {
        var p = Cmdlet.Parameter("TargetName");
        Assert.Equal(typeof(string[]), p.Type);
        Assert.Contains("ComputerName", p.Aliases);
        var set = Assert.Single(p.Sets);
        Assert.Equal(CmdletMetadata.AllSets, set.SetName);
        Assert.True(set.Mandatory);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline);
        Assert.True(set.FromPipelineByPropertyName);
    }

    [Fact]
    public void Port_is_an_int_array_with_alias_RemotePort_bound_by_property_name()
    {
        var p = Cmdlet.Parameter("Port");
        Assert.Equal(typeof(int[]), p.Type);
        Assert.Contains("RemotePort", p.Aliases);
        var set = Assert.Single(p.Sets);
        Assert.Equal(CmdletMetadata.AllSets, set.SetName);
        Assert.False(set.Mandatory);
        Assert.Equal(1, set.Position);
        Assert.True(set.FromPipelineByPropertyName);
        Assert.Equal(((object)1, (object)65535), p.ValidateRange);
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_a_bounded_range()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(typeof(int), p.Type);
        Assert.Equal(["TimeoutSec"], p.Aliases);
        Assert.Null(Assert.Single(p.Sets).Position);
        var (min, max) = p.ValidateRange!.Value;
        Assert.True((int)min >= 1, "a zero timeout would fail every connect");
        Assert.True((int)max <= 3600);
        Assert.InRange((int)Cmdlet.DefaultValueOf(p)!, (int)min, (int)max);
    }

    [Fact]
    public void ThrottleLimit_is_an_int_within_the_sweep_maximum()
    {
        var p = Cmdlet.Parameter("ThrottleLimit");
        Assert.Equal(typeof(int), p.Type);
        Assert.Null(Assert.Single(p.Sets).Position);
        var (min, max) = p.ValidateRange!.Value;
        Assert.Equal(1, (int)min);
        Assert.Equal(TcpSweep.MaxThrottleLimit, (int)max);
        Assert.InRange((int)Cmdlet.DefaultValueOf(p)!, 1, TcpSweep.MaxThrottleLimit);
    }

    [Theory]
    [InlineData("IPv4")]
    [InlineData("IPv6")]
    public void Address_family_switches_apply_in_every_set(string name)
    {
        var p = Cmdlet.Parameter(name);
        Assert.True(p.IsSwitch);
        Assert.True(p.InAllSets);
        Assert.False(Assert.Single(p.Sets).Mandatory);
    }

    [Fact]
    public void Quiet_is_a_switch_only_in_its_own_set_which_returns_bool()
    {
        var p = Cmdlet.Parameter("Quiet");
        Assert.True(p.IsSwitch);
        var set = Assert.Single(p.Sets);
        Assert.Equal("Quiet", set.SetName);
        Assert.True(set.Mandatory, "-Quiet must select the Quiet set");
        Assert.Equal([typeof(bool)], Cmdlet.OutputTypesFor("Quiet"));
        Assert.Equal([typeof(TcpPortResult)], Cmdlet.OutputTypesFor("Default"));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(
            ["IPv4", "IPv6", "Port", "Quiet", "TargetName", "ThrottleLimit", "TimeoutSeconds", "UseSystemResolver"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Its_own_results_bind_back_by_property_name()
    {
        // Test-TcpPort | Where-Object { -not $_.Succeeded } | Test-TcpPort -TimeoutSeconds 10 retries the failures.
        AssertBindsByPropertyName(typeof(TcpPortResult), "TargetName", "Port");
    }

    [Fact]
    public void Port_owners_bind_through_RemoteAddress_and_RemotePort()
    {
        // Get-PortOwner -State All | Test-TcpPort re-tests the peers, as Get-NetTCPConnection | Test-NetConnection does.
        AssertBindsByPropertyName(typeof(PortOwner), "TargetName", "Port");
    }

    private static void AssertBindsByPropertyName(Type source, params string[] parameters)
    {
        var properties = source.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in parameters)
        {
            var p = Cmdlet.Parameter(name);
            Assert.True(p.Sets.All(s => s.FromPipelineByPropertyName), $"-{name} is not bound by property name");
            Assert.True(p.Aliases.Prepend(p.Name).Any(properties.Contains),
                $"{source.Name} has no property named {name} or one of its aliases ({string.Join(", ", p.Aliases)}).");
        }
    }
}
