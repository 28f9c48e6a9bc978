using ConnDiag.Module.Tests.Support;
using ConnDiag.Tcp;
using ConnDiag.Tls;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-TlsChain (issue 4), read from the attributes.</summary>
public class TestTlsChainContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-TlsChain");

    [Fact]
    public void Has_a_Target_set_by_default_and_a_Path_set()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestTlsChainCommand), Cmdlet.Type);
        Assert.Equal("Target", Cmdlet.DefaultSet);
        Assert.Equal(["Path", "Target"], Cmdlet.ParameterSets.Order(StringComparer.Ordinal));
        Assert.Equal([typeof(TlsChainReport)], Cmdlet.OutputTypesFor("Target"));
        Assert.Equal([typeof(TlsChainReport)], Cmdlet.OutputTypesFor("Path"));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters_in_their_sets()
    {
        Assert.Equal(
            ["CaBundle", "CaBundleOnly", "CheckRevocation", "IPv4", "IPv6", "MinimumDaysValid", "NtpServer", "Path", "Port", "ServerName",
             "SkipCertificateCheck", "TargetName", "ThrottleLimit", "TimeoutSeconds"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["CaBundle", "CaBundleOnly", "MinimumDaysValid", "Path", "ServerName"],
            Cmdlet.ParametersIn("Path").Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TargetName_is_mandatory_positional_and_takes_the_pipeline()
    {
        var p = Cmdlet.Parameter("TargetName");
        Assert.Equal(typeof(string[]), p.Type);
        Assert.Contains("ComputerName", p.Aliases);
        var set = Assert.Single(p.Sets);
        Assert.Equal("Target", set.SetName);
        Assert.True(set.Mandatory);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline);
        Assert.True(set.FromPipelineByPropertyName);
    }

    [Fact]
    public void Port_defaults_to_443_with_alias_RemotePort()
    {
        var p = Cmdlet.Parameter("Port");
        Assert.Equal(typeof(int), p.Type);
        Assert.Equal(["RemotePort"], p.Aliases);
        Assert.Equal(443, Cmdlet.DefaultValueOf(p));
        Assert.Equal(1, Assert.Single(p.Sets).Position);
        Assert.Equal(((object)1, (object)65535), p.ValidateRange);
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_a_bounded_range()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(["TimeoutSec"], p.Aliases);
        Assert.Equal(((object)1, (object)300), p.ValidateRange);
        Assert.Equal(5, Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Test_TcpPort_results_bind_by_property_name()
    {
        // Test-TcpPort ... | Where-Object Succeeded | Test-TlsChain
        AssertBindsByPropertyName(typeof(TcpPortResult), "TargetName", "Port");
    }

    [Fact]
    public void Files_from_Get_ChildItem_bind_to_Path_through_FullName()
    {
        AssertBindsByPropertyName(typeof(FileInfo), "Path");
        Assert.True(Cmdlet.Parameter("Path").Sets.Single().Mandatory);
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
