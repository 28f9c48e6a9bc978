using System.Management.Automation;
using ConnDiag.Module.Tests.Support;
using ConnDiag.Reports;

namespace ConnDiag.Module.Tests;

/// <summary>
/// The parameter contract of Export-DiagnosticReport: reports from the pipeline, a mandatory positional -Path, -Format
/// from the extension unless given, -Force to overwrite, -WhatIf/-Confirm, and the FileInfo it returns.
/// </summary>
public class ExportDiagnosticReportContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Export-DiagnosticReport");

    [Fact]
    public void Is_Export_DiagnosticReport_in_one_set_returning_FileInfo()
    {
        Assert.Equal(typeof(ConnDiag.Commands.ExportDiagnosticReportCommand), Cmdlet.Type);
        Assert.Equal([CmdletMetadata.AllSets], Cmdlet.ParameterSets);
        Assert.Equal([typeof(FileInfo)], Cmdlet.OutputTypes.SelectMany(o => o.Types));
    }

    [Fact]
    public void Supports_ShouldProcess_so_WhatIf_and_Confirm_exist()
    {
        // PowerShellStandard is a reference assembly (its setters store nothing): read the attribute as written.
        var data = Cmdlet.Type.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CmdletAttribute));
        Assert.Equal(VerbsData.Export, data.ConstructorArguments[0].Value);
        var named = data.NamedArguments.SingleOrDefault(a => a.MemberName == nameof(CmdletAttribute.SupportsShouldProcess));
        Assert.Equal(true, named.TypedValue.Value);
    }

    [Fact]
    public void Has_exactly_InputObject_Path_Format_and_Force()
    {
        Assert.Equal(["Force", "Format", "InputObject", "Path"], Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InputObject_is_mandatory_and_takes_any_object_from_the_pipeline()
    {
        var p = Cmdlet.Parameter("InputObject");
        Assert.Equal(typeof(PSObject), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.True(set.Mandatory);
        Assert.True(set.FromPipeline);
        Assert.False(set.FromPipelineByPropertyName);
        Assert.Null(set.Position);
    }

    [Fact]
    public void Path_is_a_mandatory_positional_string_without_pipeline_binding()
    {
        var p = Cmdlet.Parameter("Path");
        Assert.Equal(typeof(string), p.Type);
        var set = Assert.Single(p.Sets);
        Assert.Equal((0, true, false), (set.Position, set.Mandatory, set.FromPipeline || set.FromPipelineByPropertyName));
    }

    [Fact]
    public void Format_is_an_optional_nullable_enum_of_Html_and_Markdown()
    {
        var p = Cmdlet.Parameter("Format");
        Assert.Equal(typeof(ReportFormat?), p.Type);
        Assert.Equal(["Html", "Markdown"], Enum.GetNames<ReportFormat>());
        Assert.False(Assert.Single(p.Sets).Mandatory);
        Assert.Null(Cmdlet.DefaultValueOf(p));
    }

    [Fact]
    public void Force_is_an_optional_switch()
    {
        var p = Cmdlet.Parameter("Force");
        Assert.True(p.IsSwitch);
        Assert.False(Assert.Single(p.Sets).Mandatory);
    }

    [Theory]
    [InlineData("report.html", ReportFormat.Html)]
    [InlineData("REPORT.HTM", ReportFormat.Html)]
    [InlineData("/tmp/a.b/ticket.md", ReportFormat.Markdown)]
    [InlineData("ticket.markdown", ReportFormat.Markdown)]
    [InlineData("report.txt", null)]
    [InlineData("report", null)]
    public void The_default_format_comes_from_the_extension(string path, ReportFormat? expected)
    {
        Assert.Equal(expected, ReportFormats.FromExtension(path));
    }
}
