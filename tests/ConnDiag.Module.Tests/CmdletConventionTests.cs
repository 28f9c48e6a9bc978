using System.Management.Automation;
using System.Reflection;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>Conventions every ConnDiag cmdlet follows (research/powershell-anchors.md §3).</summary>
public class CmdletConventionTests
{
    public static TheoryData<string> CmdletTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var t in CmdletMetadata.CmdletTypes()) data.Add(t.FullName!);
        return data;
    }

    private static CmdletMetadata Cmdlet(string typeName) =>
        CmdletMetadata.For(CmdletMetadata.ModuleAssembly.GetType(typeName, throwOnError: true)!);

    /// <summary>Every verb PowerShell approves: the constants of the Verbs* classes, read by reflection.</summary>
    internal static IReadOnlySet<string> ApprovedVerbs()
    {
        var verbClasses = typeof(Cmdlet).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed)
            .ToList();
        return verbClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Plural nouns end in 's'; these endings and acronyms are singular words that also do
    /// (Address, Status, Analysis, Dns, Tls).
    /// </summary>
    internal static bool LooksSingular(string noun)
    {
        var words = System.Text.RegularExpressions.Regex.Matches(noun, "[A-Z][a-z0-9]*|[A-Z]+(?![a-z])").Select(m => m.Value).ToList();
        var last = words.Count > 0 ? words[^1] : noun;
        if (!last.EndsWith('s')) return true;
        string[] singularEndings = ["ss", "us", "is"];
        string[] singularWords = ["Dns", "Tls", "Https", "Ips"];
        return singularEndings.Any(e => last.EndsWith(e, StringComparison.Ordinal)) || singularWords.Contains(last, StringComparer.Ordinal);
    }

    [Fact]
    public void The_module_assembly_has_cmdlets()
    {
        Assert.NotEmpty(CmdletMetadata.CmdletTypes());
    }

    [Fact]
    public void The_approved_verb_list_is_read_from_the_assembly()
    {
        var verbs = ApprovedVerbs();
        // Sanity: the Verbs* classes were found (about 100 verbs), so an empty set cannot pass every verb check.
        Assert.True(verbs.Count > 80, $"only {verbs.Count} approved verbs found");
        Assert.Contains("Test", verbs);
        Assert.Contains("Get", verbs);
        Assert.DoesNotContain("Check", verbs);
    }

    [Theory]
    [InlineData("PortOwner", true)]
    [InlineData("TcpPort", true)]
    [InlineData("ProviderStatus", true)]
    [InlineData("DnsRecord", true)]
    [InlineData("IPAddress", true)]
    [InlineData("PortOwners", false)]
    [InlineData("TcpPorts", false)]
    [InlineData("Findings", false)]
    public void The_singular_noun_rule_tells_plurals_apart(string noun, bool singular)
    {
        Assert.Equal(singular, LooksSingular(noun));
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Uses_an_approved_verb(string typeName)
    {
        var c = Cmdlet(typeName);
        Assert.True(ApprovedVerbs().Contains(c.Verb), $"{c.Name}: '{c.Verb}' is not an approved verb (see Get-Verb).");
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Uses_a_singular_pascal_case_noun(string typeName)
    {
        var c = Cmdlet(typeName);
        Assert.Matches("^[A-Z][A-Za-z0-9]*$", c.Noun);
        Assert.True(LooksSingular(c.Noun), $"{c.Name}: the noun '{c.Noun}' looks plural; cmdlet nouns are singular.");
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Does_not_shadow_a_platform_cmdlet(string typeName)
    {
        string[] taken = ["Test-Connection", "Test-NetConnection", "Resolve-DnsName", "Get-NetTCPConnection", "Get-NetUDPEndpoint", "Get-Process"];
        Assert.DoesNotContain(Cmdlet(typeName).Name, taken);
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Class_name_is_the_cmdlet_name_plus_Command(string typeName)
    {
        var c = Cmdlet(typeName);
        Assert.Equal(c.Verb + c.Noun + "Command", c.Type.Name);
        Assert.Equal("ConnDiag.Commands", c.Type.Namespace);
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Declares_an_output_type_for_every_parameter_set(string typeName)
    {
        var c = Cmdlet(typeName);
        Assert.True(c.OutputTypes.Count > 0, $"{c.Name} has no [OutputType].");
        foreach (var set in c.ParameterSets)
        {
            var types = c.OutputTypesFor(set);
            Assert.True(types.Count > 0, $"{c.Name}: no [OutputType] covers parameter set '{set}'.");
            Assert.DoesNotContain(typeof(object), types);
            Assert.DoesNotContain(typeof(PSObject), types);
        }
        foreach (var named in c.OutputTypes.SelectMany(o => o.SetNames).Where(s => s != CmdletMetadata.AllSets))
        {
            Assert.True(c.ParameterSets.Contains(named), $"{c.Name}: [OutputType] names parameter set '{named}', which no parameter declares.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Several_parameter_sets_have_a_default_one(string typeName)
    {
        var c = Cmdlet(typeName);
        if (c.ParameterSets.Count > 1)
        {
            Assert.NotNull(c.DefaultSet);
            Assert.Contains(c.DefaultSet, c.ParameterSets);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Parameters_follow_the_binder_rules(string typeName)
    {
        var c = Cmdlet(typeName);
        foreach (var p in c.Parameters)
        {
            Assert.True(p.Property.CanRead && p.Property.CanWrite && p.Property.SetMethod!.IsPublic, $"{c.Name} -{p.Name} needs a public getter and setter.");
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", p.Name);
            // A set may appear once per parameter, and the all-sets entry cannot be combined with named ones.
            Assert.Equal(p.Sets.Count, p.Sets.Select(s => s.SetName).Distinct().Count());
            Assert.False(p.InAllSets && p.Sets.Count > 1, $"{c.Name} -{p.Name} mixes an all-sets [Parameter] with named sets.");
            Assert.False(p.Type == typeof(bool), $"{c.Name} -{p.Name}: use SwitchParameter, not bool, for a flag.");
            Assert.False(p.IsSwitch && p.Sets.Any(s => s.Mandatory && s.SetName == CmdletMetadata.AllSets),
                $"{c.Name} -{p.Name}: a switch that is mandatory in every set is always on; make it optional or give it its own set.");
        }

        // Names and aliases must be unique across the cmdlet, or the binder refuses to load it.
        var names = c.Parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{c.Name}: parameter names/aliases used twice: {string.Join(", ", duplicates)}");

        // Within each set, positions are unique.
        foreach (var set in c.ParameterSets)
        {
            var positions = c.ParametersIn(set).Select(p => p.In(set)!.Position).Where(pos => pos is not null).ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(CmdletTypeNames))]
    public void Cancels_on_Ctrl_C(string typeName)
    {
        // A cmdlet that waits on I/O must override StopProcessing so Ctrl+C does not hang the pipeline.
        var stop = Cmdlet(typeName).Type.GetMethod("StopProcessing", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.NotNull(stop);
        Assert.NotEqual(typeof(Cmdlet), stop!.DeclaringType);
    }
}
