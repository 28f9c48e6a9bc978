using ConnDiag.Clock;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-ClockSkew (issue 4), read from the attributes.</summary>
public class TestClockSkewContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-ClockSkew");

    [Fact]
    public void Is_Test_ClockSkew_returning_ClockSkewResult()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestClockSkewCommand), Cmdlet.Type);
        Assert.Equal([typeof(ClockSkewResult)], Cmdlet.OutputTypesFor(CmdletMetadata.AllSets));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(
            ["MaximumOffsetSeconds", "NtpServer", "TimeoutSeconds", "Uri"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NtpServer_is_optional_positional_and_takes_the_pipeline()
    {
        var p = Cmdlet.Parameter("NtpServer");
        Assert.Equal(typeof(string[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.False(set.Mandatory, "without a source the system's configured NTP server is used");
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline);
        Assert.True(set.FromPipelineByPropertyName);
    }

    [Fact]
    public void Uri_is_a_Uri_array_not_taken_from_the_pipeline()
    {
        // NtpServer takes strings by value; with coercion PowerShell would bind any piped object there
        // before a by-property-name Uri, so Uri is an argument only.
        var p = Cmdlet.Parameter("Uri");
        Assert.Equal(typeof(Uri[]), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.False(set.Mandatory);
        Assert.Null(set.Position);
        Assert.False(set.FromPipeline);
        Assert.False(set.FromPipelineByPropertyName);
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_the_engine_default()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(["TimeoutSec"], p.Aliases);
        var (min, max) = p.ValidateRange!.Value;
        Assert.Equal(1, (int)min);
        Assert.Equal((int)ClockSkewOptions.MaxTimeout.TotalSeconds, (int)max);
        Assert.Equal((int)ClockSkewOptions.DefaultTimeout.TotalSeconds, (int)Cmdlet.DefaultValueOf(p)!);
    }

    [Fact]
    public void MaximumOffsetSeconds_is_optional_so_each_method_keeps_its_default()
    {
        var p = Cmdlet.Parameter("MaximumOffsetSeconds");
        Assert.Equal(typeof(double?), p.Type);
        Assert.Null(Cmdlet.DefaultValueOf(p));
        var (min, _) = p.ValidateRange!.Value;
        Assert.Equal(0.0, (double)min);
    }
}
