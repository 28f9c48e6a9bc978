using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConnDiag.Claude.Profile;
using ConnDiag.Model;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-ClaudeConnection (issue 6), its default view and its help page.</summary>
public class TestClaudeConnectionContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-ClaudeConnection");

    private static string Source() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "ConnDiag", "Commands", "TestClaudeConnectionCommand.cs"));

    [Fact]
    public void Is_Test_ClaudeConnection_with_a_Default_and_a_Quiet_set()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestClaudeConnectionCommand), Cmdlet.Type);
        Assert.Equal("Default", Cmdlet.DefaultSet);
        Assert.Equal(["Default", "Quiet"], Cmdlet.ParameterSets);
    }

    [Fact]
    public void Writes_a_report_by_default_and_a_bool_with_Quiet()
    {
        Assert.Equal([typeof(ClaudeConnectionReport)], Cmdlet.OutputTypesFor("Default"));
        Assert.Equal([typeof(bool)], Cmdlet.OutputTypesFor("Quiet"));
        Assert.True(typeof(DiagnosticReport).IsAssignableFrom(typeof(ClaudeConnectionReport)));
        var set = Assert.Single(Cmdlet.Parameter("Quiet").Sets);
        Assert.Equal("Quiet", set.SetName);
        Assert.True(set.Mandatory, "-Quiet must select the Quiet set");
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(
            ["ApiKey", "AuthToken", "BaseUrl", "CaBundle", "ConnectTo", "IPv4", "IPv6", "IncludeStatusPage", "Model", "NoProxy", "Profile", "Proxy", "Quiet",
             "SendMessage", "Stage", "StatusPageUrl", "Stream", "TimeoutSeconds"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(Cmdlet.Parameters.Where(p => p.Name != "Quiet"), p => Assert.True(p.InAllSets, $"-{p.Name} is not in every set"));
    }

    [Fact]
    public void BaseUrl_is_the_only_positional_parameter_and_nothing_reads_the_pipeline()
    {
        var set = Assert.Single(Cmdlet.Parameter("BaseUrl").Sets);
        Assert.Equal(0, set.Position);
        Assert.False(set.Mandatory, "the base URL defaults to Claude Code's own");
        Assert.All(Cmdlet.Parameters.Where(x => x.Name != "BaseUrl"), x => Assert.DoesNotContain(x.Sets, s => s.Position is not null));
        Assert.All(Cmdlet.Parameters, x => Assert.DoesNotContain(x.Sets, s => s.FromPipeline || s.FromPipelineByPropertyName));
    }

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("AuthToken")]
    public void Secrets_are_SecureString(string name) => Assert.Equal(typeof(SecureString), Cmdlet.Parameter(name).Type);

    [Fact]
    public void No_parameter_takes_a_secret_as_plain_text()
    {
        var secretish = new Regex("token|password|secret|key", RegexOptions.IgnoreCase);
        var checkedAny = false;
        foreach (var p in Cmdlet.Parameters.Where(p => p.Aliases.Prepend(p.Name).Any(n => secretish.IsMatch(n))))
        {
            checkedAny = true;
            Assert.True(p.Type == typeof(SecureString), $"-{p.Name} carries a secret as {p.Type.Name}");
        }
        Assert.True(checkedAny);
    }

    [Fact]
    public void Profile_is_the_engine_enum_defaulting_to_Auto()
    {
        var p = Cmdlet.Parameter("Profile");
        Assert.Equal(typeof(ClaudeProfile), p.Type);
        Assert.Equal(ClaudeProfile.Auto, Cmdlet.DefaultValueOf(p));
    }

    [Theory]
    [InlineData("SendMessage")]
    [InlineData("Stream")]
    [InlineData("IncludeStatusPage")]
    public void Flags_are_optional_switches_in_every_set(string name)
    {
        var p = Cmdlet.Parameter(name);
        Assert.True(p.IsSwitch);
        Assert.True(p.InAllSets);
        Assert.False(Assert.Single(p.Sets).Mandatory);
    }

    [Fact]
    public void IncludeStatusPage_is_tri_state_not_given_means_the_engine_decides()
    {
        // -IncludeStatusPage:$false must differ from not giving it: only the bound parameters tell them apart.
        Assert.Contains("MyInvocation.BoundParameters.ContainsKey(nameof(IncludeStatusPage)) ? IncludeStatusPage.IsPresent : null", Source(), StringComparison.Ordinal);
    }

    [Fact]
    public void TimeoutSeconds_has_alias_TimeoutSec_and_leaves_the_default_to_the_engine()
    {
        var p = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(typeof(int?), p.Type);
        Assert.Equal(["TimeoutSec"], p.Aliases);
        Assert.Equal(((object)1, (object)300), p.ValidateRange);
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Stage_offers_exactly_the_engines_stage_names_in_order()
    {
        var property = typeof(ConnDiag.Commands.TestClaudeConnectionCommand).GetProperty("Stage")!;
        // PowerShellStandard's attribute is a stub (ValidValues is null here): read the values the compiler stored.
        var set = property.GetCustomAttributesData().Single(a => a.AttributeType == typeof(System.Management.Automation.ValidateSetAttribute));
        var values = ((IEnumerable<System.Reflection.CustomAttributeTypedArgument>)set.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

        Assert.Equal(typeof(string), property.PropertyType);
        Assert.Equal(ConnDiag.Claude.Profile.ClaudeDiagnoser.StageNames, values);
    }

    [Fact]
    public void The_cmdlet_is_thin_and_leaves_checks_and_protocols_to_the_engine()
    {
        var source = Source();
        Assert.Contains("settings.TryBuild(out var diagnosis, out var error)", source, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(source, @"new ClaudeDiagnoser\(\)\.DiagnoseAsync\("));
        string[] protocolWords =
        [
            "System.Net.Sockets", "Socket", "HttpClient", "HttpRequestMessage", "SocketsHttpHandler", "SslStream", "X509",
            "Dns.", "IPAddress", "IPEndPoint", "Regex", "new Uri(", "Uri.TryCreate", "await ", "Task.", ".Result", "Thread.",
            "Environment.GetEnvironmentVariable", "File.",
        ];
        foreach (var word in protocolWords) Assert.DoesNotContain(word, source, StringComparison.Ordinal);
        var ids = Regex.Matches(source, @"InvalidArgument\(""(\w+)""").Select(m => m.Groups[1].Value).Distinct();
        // The one check a single setting cannot hold (two switches that exclude each other), with Test-Endpoint's id.
        Assert.Equal(["IPv4AndIPv6", "InvalidParameter"], ids);
    }

    [Fact]
    public void Failed_reports_become_errors_named_by_the_finding_code_as_in_the_other_cmdlets()
    {
        var source = Source();
        // The shared helper names the error after the primary finding, as Test-TcpPort and Test-TlsChain do.
        var helper = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "ConnDiag", "Bridging", "FindingErrors.cs"));
        Assert.Contains("WriteError(FindingErrors.ForFailedReport(report))", source, StringComparison.Ordinal);
        Assert.Contains("Primary(report.Findings) is { } failure", helper, StringComparison.Ordinal);
        Assert.Contains("ToErrorRecord(failure, report)", helper, StringComparison.Ordinal);
        Assert.Contains("WriteObject(report.Outcome != Outcome.Fail)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_unwrapped_only_into_the_options()
    {
        var source = Source();
        Assert.Equal(2, Regex.Matches(source, @"Plain\(").Count); // the key, the token (through SecureStrings.ToPlain)
        Assert.DoesNotContain("NetworkCredential", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteVerbose", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteDebug", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteWarning", source, StringComparison.Ordinal);
    }

    // FindingErrors is internal to the module; the mapping is read the way PowerShell never sees it, by reflection.
    private static ErrorCategory CategoryOf(string code) =>
        (ErrorCategory)typeof(ConnDiag.Commands.TestClaudeConnectionCommand).Assembly.GetType("ConnDiag.Bridging.FindingErrors", throwOnError: true)!
            .GetMethod("CategoryOf", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [code])!;

    [Theory]
    [InlineData(ConnDiag.Findings.FindingCodes.AuthInvalidKey, ErrorCategory.AuthenticationError)]
    [InlineData(ConnDiag.Findings.FindingCodes.ApiRegionBlocked, ErrorCategory.PermissionDenied)]
    [InlineData(ConnDiag.Findings.FindingCodes.ApiRateLimited, ErrorCategory.QuotaExceeded)]
    [InlineData(ConnDiag.Findings.FindingCodes.ConfigKeyMissing, ErrorCategory.ObjectNotFound)]
    [InlineData(ConnDiag.Findings.FindingCodes.ApiStreamBuffered, ErrorCategory.ProtocolError)]
    public void Claude_codes_have_error_categories(string code, ErrorCategory category) =>
        Assert.Equal(category, CategoryOf(code));

    [Fact]
    public void Every_claude_finding_code_has_a_specific_error_category()
    {
        var codes = typeof(ConnDiag.Findings.FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(c => c.StartsWith("AUTH.", StringComparison.Ordinal) || (c.StartsWith("API.", StringComparison.Ordinal))
                || c is "CONFIG.KEY_MISSING" or "CONFIG.KEY_MALFORMED" or "CONFIG.BASE_URL_INVALID" or "CONFIG.EXTRA_CA_INVALID")
            .ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.NotEqual(ErrorCategory.NotSpecified, CategoryOf(c)));
    }

    [Fact]
    public void The_default_view_is_the_stage_by_stage_custom_view()
    {
        var views = XDocument.Load(RepoPaths.FormatFile).Root!.Element("ViewDefinitions")!.Elements("View")
            .Where(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value.Trim() == typeof(ClaudeConnectionReport).FullName))
            .ToList();
        Assert.Equal(["CustomControl", "TableControl"], views.Select(v => v.Elements().Last().Name.LocalName));
        var script = Assert.Single(views[0].Descendants("ScriptBlock")).Value;
        AssertReads(script, "report", typeof(ClaudeConnectionReport),
            ["BaseUrl", "Outcome", "FailedStage", "DurationMs", "Profile", "ProfileReason", "BaseUrlSource", "Stages", "RequestIds", "RateLimits", "Findings"]);
        AssertReads(script, "stage", typeof(StageResult), ["Stage", "Outcome", "DurationMs", "Findings", "Summary"]);
        AssertReads(script, "finding", typeof(ConnDiag.Model.Finding), ["Code", "Severity", "Summary", "Remedy"]);
        Assert.Contains("foreach ($stage in $report.Stages)", script, StringComparison.Ordinal);
    }

    private static void AssertReads(string script, string variable, Type type, string[] expected)
    {
        var read = Regex.Matches(script, $@"\${variable}\.(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(read, r => Assert.True(properties.Contains(r), $"the default view reads ${variable}.{r}, which {type.Name} does not have"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Help_examples_cover_a_direct_user_a_proxy_user_a_router_user_and_Quiet()
    {
        var page = CommandHelpPage.Load(Path.Combine(RepoPaths.Docs, "Test-ClaudeConnection.md"));
        var code = string.Join('\n', page.Section("EXAMPLES").Children.SelectMany(e => e.CodeBlocks()).Where(b => b.Info == "powershell").Select(b => b.Code));
        Assert.Contains("Test-ClaudeConnection\n", code + "\n", StringComparison.Ordinal);
        Assert.Matches(@"Test-ClaudeConnection -Proxy http://\S+ -CaBundle", code);
        Assert.Matches(@"Test-ClaudeConnection http://127\.0\.0\.1:3456 -Profile ClaudeCodeRouter -AuthToken \$\w+", code);
        Assert.Matches(@"if \(-not \(Test-ClaudeConnection[^)]*-Quiet\)\)", code);
    }
}
