using System.Management.Automation;
using ConnDiag.Claude.Status;
using ConnDiag.Completion;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Get-ProviderStatus (issue 6), read from the attributes.</summary>
public class GetProviderStatusContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Get-ProviderStatus");

    [Fact]
    public void Is_Get_ProviderStatus_returning_ProviderStatusReport_in_both_sets()
    {
        Assert.Equal(typeof(ConnDiag.Commands.GetProviderStatusCommand), Cmdlet.Type);
        Assert.Equal("Provider", Cmdlet.DefaultSet);
        Assert.Equal(["Provider", "Url"], Cmdlet.ParameterSets.Order(StringComparer.Ordinal));
        Assert.Equal([typeof(ProviderStatusReport)], Cmdlet.OutputTypesFor("Provider"));
        Assert.Equal([typeof(ProviderStatusReport)], Cmdlet.OutputTypesFor("Url"));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(["Provider", "StatusPageUrl", "TimeoutSeconds"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Provider_is_positional_from_the_pipeline_defaults_to_Anthropic_and_completes_built_in_names()
    {
        var p = Cmdlet.Parameter("Provider");
        Assert.Equal(typeof(string), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(("Provider", 0, false, true), (set.SetName, set.Position, set.Mandatory, set.FromPipeline));
        Assert.Equal("Anthropic", Cmdlet.DefaultValueOf(p));
        var completer = Assert.Single(p.Property.GetCustomAttributesData(), a => a.AttributeType == typeof(ArgumentCompleterAttribute));
        Assert.Equal(typeof(ProviderNameCompleter), completer.ConstructorArguments[0].Value);
        // A completer, not [ValidateSet]: the engine's error names the providers and points at -StatusPageUrl.
        Assert.DoesNotContain(p.Property.GetCustomAttributesData(), a => a.AttributeType == typeof(ValidateSetAttribute));
    }

    [Theory]
    [InlineData("", new[] { "Anthropic", "DeepSeek", "Groq", "GitHub" })]
    [InlineData("anth", new[] { "Anthropic" })]
    [InlineData("'G", new[] { "Groq", "GitHub" })]
    [InlineData("OpenAI", new string[0])]
    public void The_completer_offers_built_in_names_by_prefix_ignoring_case(string typed, string[] expected)
    {
        Assert.Equal(expected, ProviderNameCompleter.Matching(typed).Select(p => p.Name));
    }

    [Fact]
    public void StatusPageUrl_is_a_mandatory_string_of_the_Url_set_only()
    {
        var p = Cmdlet.Parameter("StatusPageUrl");
        Assert.Equal(typeof(string), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal(("Url", null, true, false), (set.SetName, set.Position, set.Mandatory, set.FromPipeline));
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_the_engine_default()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(["TimeoutSec"], p.Aliases);
        Assert.True(p.InAllSets);
        var (min, max) = p.ValidateRange!.Value;
        Assert.Equal(1, (int)min);
        Assert.Equal((int)StatusPageOptions.MaxTimeout.TotalSeconds, (int)max);
        Assert.Equal((int)StatusPageOptions.DefaultTimeout.TotalSeconds, (int)Cmdlet.DefaultValueOf(p)!);
    }
}
