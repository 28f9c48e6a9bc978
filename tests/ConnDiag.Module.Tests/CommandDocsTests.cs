using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>
/// The PlatyPS v2 pages in docs/ against the cmdlets: every cmdlet documented, every parameter real and
/// every real parameter documented, with the same aliases, sets and binding flags. Build.ps1's Docs task
/// turns these pages into ConnDiag.dll-Help.xml, so what Get-Help shows is what is checked here.
/// </summary>
public partial class CommandDocsTests
{
    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in CmdletMetadata.All()) data.Add(c.Name);
        return data;
    }

    private static CommandHelpPage Page(string cmdlet)
    {
        var path = Path.Combine(RepoPaths.Docs, cmdlet + ".md");
        Assert.True(File.Exists(path), $"{cmdlet} has no help page: write docs/{cmdlet}.md (PlatyPS v2).");
        return CommandHelpPage.Load(path);
    }

    /// <summary>The type name PlatyPS v2 writes in a parameter's yaml 'Type' (full names, generics as Name`N[args]).</summary>
    internal static string PlatyPSTypeName(Type t) =>
        t.IsGenericType
            ? $"{t.GetGenericTypeDefinition().FullName![..t.GetGenericTypeDefinition().FullName!.IndexOf('`', StringComparison.Ordinal)]}`{t.GetGenericArguments().Length}[{string.Join(",", t.GetGenericArguments().Select(a => a.FullName))}]"
            : t.FullName!;

    /// <summary>The short type name PlatyPS v2 writes in SYNTAX blocks.</summary>
    internal static string SyntaxTypeName(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsArray) return SyntaxTypeName(t.GetElementType()!) + "[]";
        return t.FullName switch
        {
            "System.String" => "string",
            "System.Int32" => "int",
            "System.Int64" => "long",
            "System.Boolean" => "bool",
            "System.Double" => "double",
            "System.Object" => "Object",
            _ => t.Name,
        };
    }

    [Fact]
    public void Every_cmdlet_page_in_docs_is_for_an_exported_cmdlet()
    {
        var cmdlets = CmdletMetadata.All().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepoPaths.Docs, "*.md"))
        {
            var doc = MarkdownDocument.Load(file);
            if (doc.FrontMatter.GetValueOrDefault("document type") != "cmdlet") continue;
            Assert.True(cmdlets.Contains(Path.GetFileNameWithoutExtension(file)), $"{file} documents a cmdlet the module does not have.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Has_PlatyPS_v2_front_matter(string cmdlet)
    {
        var fm = Page(cmdlet).Document.FrontMatter;
        Assert.Equal("cmdlet", fm.GetValueOrDefault("document type"));
        Assert.Equal("ConnDiag.dll-Help.xml", fm.GetValueOrDefault("external help file"));
        Assert.Equal("ConnDiag", fm.GetValueOrDefault("Module Name"));
        Assert.Equal("2024-05-01", fm.GetValueOrDefault("PlatyPS schema version"));
        Assert.Equal(cmdlet, fm.GetValueOrDefault("title"));
        Assert.Equal("en-US", fm.GetValueOrDefault("Locale"));
        Assert.True(Uri.TryCreate(fm.GetValueOrDefault("HelpUri"), UriKind.Absolute, out var uri) && uri.Scheme == "https", "HelpUri must be an https URL");
        Assert.EndsWith($"/docs/{cmdlet}.md", uri!.AbsolutePath, StringComparison.Ordinal);
        Assert.True(DateTime.TryParseExact(fm.GetValueOrDefault("ms.date"), "MM/dd/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "ms.date must be MM/dd/yyyy");
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Has_the_v2_sections_in_order(string cmdlet)
    {
        var page = Page(cmdlet);
        Assert.Equal(cmdlet, page.Name);
        Assert.Equal(CommandHelpPage.SectionOrder, page.SectionTitles);
        foreach (var s in new[] { "SYNOPSIS", "DESCRIPTION", "NOTES" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.Section(s).Text), $"{cmdlet}: ## {s} is empty");
        }
        Assert.DoesNotContain("{{", File.ReadAllText(page.Path), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Syntax_shows_every_parameter_set_as_the_binder_sees_it(string cmdlet)
    {
        var c = CmdletMetadata.Named(cmdlet);
        var syntax = Page(cmdlet).Section("SYNTAX");
        var headings = syntax.Children.Select(h => h.Title).ToList();
        var expected = c.ParameterSets.Select(s => s == c.DefaultSet && c.ParameterSets.Count > 1 ? $"{s} (Default)" : s).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), headings.Order(StringComparer.Ordinal));

        foreach (var set in c.ParameterSets)
        {
            var section = syntax.Children.Single(h => h.Title == set || h.Title == $"{set} (Default)");
            var block = Assert.Single(section.CodeBlocks());
            var text = WhiteSpace().Replace(block.Code, " ").Trim();
            Assert.StartsWith(cmdlet + " ", text, StringComparison.Ordinal);
            Assert.EndsWith("[<CommonParameters>]", text, StringComparison.Ordinal);

            var inSet = c.ParametersIn(set).ToList();
            foreach (var p in inSet)
            {
                var token = SyntaxToken(p, p.In(set)!);
                Assert.True(text.Contains(token, StringComparison.Ordinal), $"{cmdlet} syntax '{set}': expected '{token}' in: {text}");
            }
            foreach (var p in c.Parameters.Except(inSet))
            {
                Assert.False(Regex.IsMatch(text, $@"-{p.Name}\b"), $"{cmdlet} syntax '{set}' shows -{p.Name}, which is not in that set.");
            }
            var shown = Regex.Matches(text, @"(?<![\w<])-(\w+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(shown.Count, shown.Distinct().Count());
        }
    }

    private static string SyntaxToken(CmdletParameter p, ParameterSetEntry e)
    {
        var type = p.IsSwitch ? "" : $" <{SyntaxTypeName(p.Type)}>";
        return (e.Position is not null, e.Mandatory) switch
        {
            (true, true) => $"[-{p.Name}]{type}",
            (true, false) => $"[[-{p.Name}]{type}]",
            (false, true) => $"-{p.Name}{type}",
            (false, false) => $"[-{p.Name}{type}]",
        };
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Has_at_least_three_runnable_looking_examples(string cmdlet)
    {
        var examples = Page(cmdlet).Section("EXAMPLES").Children;
        Assert.True(examples.Count >= 3, $"{cmdlet}: {examples.Count} examples; write at least three.");
        for (var i = 0; i < examples.Count; i++)
        {
            Assert.Matches($"^Example {i + 1}: \\S", examples[i].Title);
            var code = examples[i].CodeBlocks().Where(b => b.Info == "powershell").ToList();
            Assert.True(code.Count >= 1, $"{cmdlet} '{examples[i].Title}' has no ```powershell block.");
            Assert.Contains(code, b => b.Code.Contains(cmdlet, StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(string.Join('\n', examples[i].Body.Where(l => !l.StartsWith("```", StringComparison.Ordinal)))));
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Documents_exactly_the_cmdlet_parameters(string cmdlet)
    {
        var c = CmdletMetadata.Named(cmdlet);
        var page = Page(cmdlet);
        var documented = page.Parameters().Select(p => p.Name).ToList();
        var real = c.Parameters.Select(p => p.Name).ToList();
        var missing = real.Except(documented).ToList();
        var extra = documented.Except(real).ToList();
        Assert.True(missing.Count == 0, $"{cmdlet}: parameters without a '### -Name' section: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{cmdlet}: documented parameters the cmdlet does not have: {string.Join(", ", extra)}");
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.NotNull(page.Section("PARAMETERS").Child("CommonParameters"));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Parameter_blocks_match_the_attributes(string cmdlet)
    {
        var c = CmdletMetadata.Named(cmdlet);
        foreach (var doc in Page(cmdlet).Parameters())
        {
            var p = c.Parameters.SingleOrDefault(x => x.Name == doc.Name);
            if (p is null) continue; // reported by Documents_exactly_the_cmdlet_parameters
            var where = $"{cmdlet} -{p.Name}";

            Assert.False(string.IsNullOrWhiteSpace(doc.Description), $"{where}: no description");
            Assert.Equal(PlatyPSTypeName(p.Type), doc.Type);
            Assert.True(p.Aliases.Order(StringComparer.Ordinal).SequenceEqual(doc.Aliases.Order(StringComparer.Ordinal)),
                $"{where}: aliases in the doc [{string.Join(", ", doc.Aliases)}] differ from [Alias] [{string.Join(", ", p.Aliases)}]");

            var expectedSets = p.Sets.Select(s => new DocParameterSet(
                s.SetName == CmdletMetadata.AllSets ? "(All)" : s.SetName,
                s.Position?.ToString(CultureInfo.InvariantCulture) ?? "Named",
                s.Mandatory, s.FromPipeline, s.FromPipelineByPropertyName, s.FromRemainingArguments)).OrderBy(s => s.Name, StringComparer.Ordinal);
            Assert.Equal(expectedSets, doc.ParameterSets.OrderBy(s => s.Name, StringComparer.Ordinal));

            var enumType = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
            IEnumerable<string> accepted = enumType.IsEnum ? Enum.GetNames(enumType) : ValidateSetValues(p.Property);
            Assert.Equal(accepted, doc.AcceptedValues);

            Assert.Equal(ExpectedDefault(c, p), doc.DefaultValue);
        }
    }

    /// <summary>What DefaultValue must say: the initial value of the property, or None when it has none.</summary>
    private static string ExpectedDefault(CmdletMetadata c, CmdletParameter p)
    {
        var value = c.DefaultValueOf(p);
        return value switch
        {
            null => "None",
            SwitchParameter s => s.IsPresent ? "True" : "False",
            Array { Length: 0 } => "None",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "None",
        };
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Inputs_list_the_types_taken_from_the_pipeline(string cmdlet)
    {
        var c = CmdletMetadata.Named(cmdlet);
        var inputs = Page(cmdlet).Section("INPUTS").Children.Select(h => h.Title).ToList();
        var piped = c.Parameters.Where(p => p.Sets.Any(s => s.FromPipeline || s.FromPipelineByPropertyName))
            .Select(p => (Nullable.GetUnderlyingType(p.Type) ?? p.Type).FullName!).Distinct().ToList();
        Assert.Equal(piped.Order(StringComparer.Ordinal), inputs.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Outputs_list_every_OutputType(string cmdlet)
    {
        var c = CmdletMetadata.Named(cmdlet);
        var outputs = Page(cmdlet).Section("OUTPUTS").Children.Select(h => h.Title).ToList();
        var declared = c.OutputTypes.SelectMany(o => o.Types).Select(t => t.FullName!).Distinct().ToList();
        Assert.Equal(declared.Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
        Assert.All(Page(cmdlet).Section("OUTPUTS").Children, o => Assert.False(string.IsNullOrWhiteSpace(o.Text), $"{cmdlet}: output {o.Title} is not described"));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Related_links_are_a_list_and_local_ones_exist(string cmdlet)
    {
        var lines = Page(cmdlet).Section("RELATED LINKS").Body.Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var m = LinkItem().Match(line);
            Assert.True(m.Success, $"{cmdlet}: related link '{line}' is not '- [text](target)'");
            var target = m.Groups[2].Value;
            if (Uri.TryCreate(target, UriKind.Absolute, out var uri))
            {
                Assert.Equal("https", uri.Scheme);
                continue;
            }
            var local = Path.GetFullPath(Path.Combine(RepoPaths.Docs, target));
            Assert.True(File.Exists(local), $"{cmdlet}: related link '{target}' points at a missing file");
        }
    }

    [Fact]
    public void Test_TcpPort_examples_include_a_sweep_and_a_Quiet_condition()
    {
        var code = string.Join('\n', Page("Test-TcpPort").Section("EXAMPLES").Children.SelectMany(e => e.CodeBlocks()).Select(b => b.Code));
        Assert.Matches(@"Test-TcpPort -TargetName \(1\.\.254 \| % \{ ""10\.0\.0\.\$_"" \}\) -Port 22 -ThrottleLimit 128[^\n]*(\n[^\n]*)?\|\s*Where-Object Succeeded", code);
        Assert.Matches(@"if \(Test-TcpPort [^)]*-Quiet\)", code);
    }

    [Fact]
    public void Get_PortOwner_examples_include_Stop_Process_WhatIf()
    {
        var code = Page("Get-PortOwner").Section("EXAMPLES").Children.SelectMany(e => e.CodeBlocks()).Select(b => b.Code);
        Assert.Contains(code, c => c.Contains("Get-PortOwner 3456 | Stop-Process -WhatIf", StringComparison.Ordinal));
    }

    [Fact]
    public void The_about_topic_exists_and_names_every_cmdlet()
    {
        var text = File.ReadAllText(RepoPaths.AboutHelp);
        Assert.StartsWith("TOPIC", text, StringComparison.Ordinal);
        Assert.Contains("about_ConnDiag", text, StringComparison.Ordinal);
        foreach (var section in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "SEE ALSO" })
        {
            Assert.Contains("\n" + section, text, StringComparison.Ordinal);
        }
        foreach (var c in CmdletMetadata.All()) Assert.Contains(c.Name, text, StringComparison.Ordinal);
        Assert.Contains("Windows PowerShell 5.1 is not supported", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^- \[([^\]]+)\]\(([^)\s]+)\)$")]
    private static partial Regex LinkItem();

    /// <summary>A [ValidateSet]'s values as compiled (PowerShellStandard's attribute is a stub whose ValidValues is null).</summary>
    private static IEnumerable<string> ValidateSetValues(System.Reflection.PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(System.Management.Automation.ValidateSetAttribute))
            .SelectMany(a => (IEnumerable<System.Reflection.CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(v => (string)v.Value!)
            .ToList();
}
