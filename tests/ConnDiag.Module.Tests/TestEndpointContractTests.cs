using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Model;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Test-Endpoint (issue 5, DESIGN §5), its default view and its help page.</summary>
public partial class TestEndpointContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Test-Endpoint");

    private static string Source() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "ConnDiag", "Commands", "TestEndpointCommand.cs"));

    [Fact]
    public void Is_Test_Endpoint_with_a_Default_and_a_Quiet_set()
    {
        Assert.Equal(typeof(ConnDiag.Commands.TestEndpointCommand), Cmdlet.Type);
        Assert.Equal("Default", Cmdlet.DefaultSet);
        Assert.Equal(["Default", "Quiet"], Cmdlet.ParameterSets);
    }

    [Fact]
    public void Writes_reports_by_default_and_bools_with_Quiet()
    {
        Assert.Equal([typeof(DiagnosticReport)], Cmdlet.OutputTypesFor("Default"));
        Assert.Equal([typeof(bool)], Cmdlet.OutputTypesFor("Quiet"));
        var quiet = Cmdlet.Parameter("Quiet");
        Assert.True(quiet.IsSwitch);
        var set = Assert.Single(quiet.Sets);
        Assert.Equal("Quiet", set.SetName);
        Assert.True(set.Mandatory, "-Quiet must select the Quiet set");
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(
            ["Body", "CaBundle", "CompareDirect", "ConnectTo", "Credential", "CriticalMs", "ExpectBodyPattern", "ExpectStatus", "Header",
             "IPv4", "IPv6", "MaxBodyBytes", "Method", "NoProxy", "NoRedirect", "Origin", "Proxy", "Quiet", "Resolver", "Retries",
             "SkipCertificateCheck", "ThrottleLimit", "TimeoutSeconds", "Token", "Uri", "UseTls", "WarnMs"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        // Everything but -Quiet applies in both sets.
        Assert.All(Cmdlet.Parameters.Where(p => p.Name != "Quiet"), p => Assert.True(p.InAllSets, $"-{p.Name} is not in every set"));
    }

    [Fact]
    public void Uri_is_mandatory_positional_and_takes_the_pipeline_by_value_and_property_name()
    {
        var p = Cmdlet.Parameter("Uri");
        Assert.Equal(typeof(string[]), p.Type);
        Assert.Equal(["ComputerName", "Target", "Url"], p.Aliases.Order(StringComparer.Ordinal));
        var set = Assert.Single(p.Sets);
        Assert.Equal(CmdletMetadata.AllSets, set.SetName);
        Assert.True(set.Mandatory);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline);
        Assert.True(set.FromPipelineByPropertyName);
        // No other parameter reads the pipeline: one input object is one target.
        Assert.All(Cmdlet.Parameters.Where(x => x.Name != "Uri"),
            x => Assert.DoesNotContain(x.Sets, s => s.FromPipeline || s.FromPipelineByPropertyName || s.Position is not null));
    }

    [Fact]
    public void Its_own_reports_bind_back_through_Url()
    {
        // Test-Endpoint ... | Where-Object Outcome -EQ Fail | Test-Endpoint -TimeoutSeconds 30 re-runs the failures.
        var properties = typeof(DiagnosticReport).GetProperties().Select(x => x.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var p = Cmdlet.Parameter("Uri");
        Assert.Contains("Url", p.Aliases);
        Assert.Contains("Url", properties);
        Assert.Equal(typeof(string), typeof(DiagnosticReport).GetProperty("Url")!.PropertyType);
    }

    [Theory]
    [InlineData("Token", typeof(SecureString))]
    [InlineData("Credential", typeof(PSCredential))]
    public void Secrets_are_SecureString_or_PSCredential(string name, Type type)
    {
        Assert.Equal(type, Cmdlet.Parameter(name).Type);
    }

    [Fact]
    public void No_parameter_takes_a_secret_as_plain_text()
    {
        var secretish = new Regex("token|password|secret|key|apikey", RegexOptions.IgnoreCase);
        foreach (var p in Cmdlet.Parameters.Where(p => p.Aliases.Prepend(p.Name).Any(n => secretish.IsMatch(n))))
        {
            Assert.True(p.Type == typeof(SecureString) || p.Type == typeof(PSCredential), $"-{p.Name} carries a secret as {p.Type.Name}");
        }
    }

    [Fact]
    public void Credential_prompts_like_other_credential_parameters()
    {
        // [Credential] lets `-Credential user` prompt for the password instead of failing to bind a string.
        var attributes = Cmdlet.Parameter("Credential").Property.GetCustomAttributesData();
        Assert.Contains(attributes, a => a.AttributeType == typeof(CredentialAttribute));
    }

    [Fact]
    public void ThrottleLimit_is_bounded_by_the_sweep_and_defaults_to_its_default()
    {
        var p = Cmdlet.Parameter("ThrottleLimit");
        Assert.Equal(typeof(int), p.Type);
        Assert.Equal(((object)1, (object)EndpointSweep.MaxThrottleLimit), p.ValidateRange);
        Assert.Equal(EndpointSweep.DefaultThrottleLimit, Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Retries_are_off_by_default_and_bounded_by_the_engine()
    {
        var p = Cmdlet.Parameter("Retries");
        Assert.Equal(typeof(int), p.Type);
        Assert.Equal(((object)0, (object)HttpProbeOptions.MaxRetries), p.ValidateRange);
        Assert.Equal(0, Cmdlet.DefaultValueOf(p));
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

    [Theory]
    [InlineData("WarnMs")]
    [InlineData("CriticalMs")]
    [InlineData("MaxBodyBytes")]
    public void Thresholds_and_caps_default_to_the_engine(string name)
    {
        // Null hands the choice to EndpointSettings, so the cmdlet and `conndiag endpoint` share one default.
        var p = Cmdlet.Parameter(name);
        Assert.NotNull(Nullable.GetUnderlyingType(p.Type));
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Header_is_a_hashtable_and_ExpectStatus_an_int_array()
    {
        Assert.Equal(typeof(System.Collections.Hashtable), Cmdlet.Parameter("Header").Type);
        Assert.Equal(typeof(int[]), Cmdlet.Parameter("ExpectStatus").Type);
        Assert.Equal(typeof(string[]), Cmdlet.Parameter("Resolver").Type);
    }

    [Theory]
    [InlineData("IPv4")]
    [InlineData("IPv6")]
    [InlineData("SkipCertificateCheck")]
    [InlineData("CompareDirect")]
    [InlineData("UseTls")]
    [InlineData("NoRedirect")]
    public void Flags_are_optional_switches_in_every_set(string name)
    {
        var p = Cmdlet.Parameter(name);
        Assert.True(p.IsSwitch);
        Assert.True(p.InAllSets);
        Assert.False(Assert.Single(p.Sets).Mandatory);
    }

    [Fact]
    public void IPv4_and_IPv6_exclude_each_other_before_anything_runs()
    {
        // As Test-TcpPort: one terminating InvalidArgument error in BeginProcessing (Pester runs it for real).
        var begin = Regex.Match(Source(), @"protected override void BeginProcessing\(\)\s*\{(?<body>.*?)\n    \}", RegexOptions.Singleline);
        Assert.True(begin.Success);
        var body = begin.Groups["body"].Value;
        var check = body.IndexOf("if (IPv4 && IPv6)", StringComparison.Ordinal);
        Assert.True(check >= 0, "BeginProcessing does not reject -IPv4 with -IPv6");
        Assert.True(check < body.IndexOf("new EndpointDiagnoser()", StringComparison.Ordinal));
        Assert.Contains("ThrowTerminatingError(FindingErrors.InvalidArgument(\"IPv4AndIPv6\"", body[check..], StringComparison.Ordinal);
    }

    [Fact]
    public void The_cmdlet_is_thin_and_leaves_checks_and_protocols_to_the_engine()
    {
        var source = Source();
        // It binds, builds options through EndpointSettings (the one validation place, shared with the CLI),
        // parses targets with EndpointTarget, runs EndpointSweep once through the bridge, and maps errors.
        Assert.Contains("settings.TryBuild(out var options, out var error)", source, StringComparison.Ordinal);
        Assert.Contains("EndpointTarget.TryParse(", source, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(source, @"EndpointSweep\.RunAsync\("));
        Assert.Single(Regex.Matches(source, @"new AsyncBridge<"));
        string[] protocolWords =
        [
            "System.Net.Sockets", "Socket", "HttpClient", "HttpRequestMessage", "SocketsHttpHandler", "SslStream", "X509",
            "Dns.", "IPAddress", "IPEndPoint", "Regex", "new Uri(", "Uri.TryCreate", "await ", "Task.", ".Result", "Thread.",
        ];
        foreach (var word in protocolWords) Assert.DoesNotContain(word, source, StringComparison.Ordinal);
        // Error ids of its own: the exclusive switches, options EndpointSettings rejected, and bad targets. No other checks.
        var ids = Regex.Matches(source, @"InvalidArgument\(""(\w+)""").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(["IPv4AndIPv6", "InvalidParameter", "InvalidTarget"], ids);
        Assert.DoesNotContain("out of range", source, StringComparison.OrdinalIgnoreCase);
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
    public void Secrets_are_unwrapped_only_into_EndpointSettings()
    {
        var source = Source();
        // SecureStrings.ToPlain() is the one place a SecureString becomes text, and its results go into the settings record only.
        var uses = Regex.Matches(source, @"Plain\(").Count;
        Assert.Equal(3, uses); // the token, the password, SecureString header values
        Assert.DoesNotContain("NetworkCredential", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteVerbose", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteDebug", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteWarning", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_view_is_the_stage_by_stage_custom_view()
    {
        var views = XDocument.Load(RepoPaths.FormatFile).Root!.Element("ViewDefinitions")!.Elements("View")
            .Where(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(t => t.Value.Trim() == typeof(DiagnosticReport).FullName))
            .ToList();
        // PowerShell uses the first view of a type by default; Format-Table picks the table one.
        Assert.Equal(["CustomControl", "TableControl"], views.Select(v => v.Elements().Last().Name.LocalName));
        var script = Assert.Single(views[0].Descendants("ScriptBlock")).Value;

        // Every member the script reads exists on the type it reads it from.
        AssertReads(script, "report", typeof(DiagnosticReport), ["Url", "Target", "Outcome", "FailedStage", "DurationMs", "Stages", "Findings"]);
        AssertReads(script, "stage", typeof(StageResult), ["Stage", "Outcome", "DurationMs", "Findings", "Summary"]);
        AssertReads(script, "finding", typeof(Finding), ["Code", "Severity", "Summary", "Remedy"]);
        Assert.Contains("foreach ($stage in $report.Stages)", script, StringComparison.Ordinal);
        Assert.Contains("foreach ($finding in $report.Findings)", script, StringComparison.Ordinal);
    }

    private static void AssertReads(string script, string variable, Type type, string[] expected)
    {
        var read = Regex.Matches(script, $@"\${variable}\.(\w+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(read, r => Assert.True(properties.Contains(r), $"the default view reads ${variable}.{r}, which {type.Name} does not have"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Help_examples_cover_the_router_a_proxy_ConnectTo_ExpectStatus_Quiet_and_a_pipeline()
    {
        var page = CommandHelpPage.Load(Path.Combine(RepoPaths.Docs, "Test-Endpoint.md"));
        var code = string.Join('\n', page.Section("EXAMPLES").Children.SelectMany(e => e.CodeBlocks()).Where(b => b.Info == "powershell").Select(b => b.Code));
        Assert.Contains("Test-Endpoint http://localhost:3456/", code, StringComparison.Ordinal);
        Assert.Matches(@"Test-Endpoint \S+ -Proxy http://", code);
        Assert.Matches(@"-ConnectTo \d+\.\d+\.\d+\.\d+", code);
        Assert.Matches(@"-ExpectStatus \d{3}", code);
        Assert.Matches(@"if \(-not \(Test-Endpoint [^)]*-Quiet\)\)", code);
        Assert.Matches(@"\|\s*Test-Endpoint", code);
    }
}
