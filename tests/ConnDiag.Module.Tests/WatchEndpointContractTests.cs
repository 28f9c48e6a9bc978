using ConnDiag.Module.Tests.Support;
using ConnDiag.Monitoring;

namespace ConnDiag.Module.Tests;

/// <summary>The parameter contract of Watch-Endpoint (issue 7), its default view, and the sample shape consumers rely on.</summary>
public sealed class WatchEndpointContractTests
{
    private static readonly CmdletMetadata Cmdlet = CmdletMetadata.Named("Watch-Endpoint");

    [Fact]
    public void Is_Watch_Endpoint_writing_endpoint_samples()
    {
        Assert.Equal(typeof(ConnDiag.Commands.WatchEndpointCommand), Cmdlet.Type);
        Assert.Equal([typeof(EndpointSample)], Cmdlet.OutputTypes.SelectMany(o => o.Types));
    }

    [Fact]
    public void Has_exactly_the_documented_parameters()
    {
        Assert.Equal(
            ["CaBundle", "ConnectTo", "Count", "CriticalMs", "ErrorRateCriticalPercent", "ErrorRateWarnPercent", "IntervalSeconds",
             "NoProxy", "Proxy", "SkipCertificateCheck", "Stage", "TimeoutSeconds", "Uri", "WarnMs", "WindowSize"],
            Cmdlet.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Uri_is_mandatory_positional_and_binds_from_the_pipeline_and_Test_Endpoint_reports()
    {
        var p = Cmdlet.Parameter("Uri");
        Assert.Equal(typeof(string), p.Type);
        Assert.Equal(["ComputerName", "TargetName", "Url"], p.Aliases.Order(StringComparer.Ordinal));
        var set = Assert.Single(p.Sets);
        Assert.True(set.Mandatory);
        Assert.Equal(0, set.Position);
        Assert.True(set.FromPipeline && set.FromPipelineByPropertyName);
        Assert.Equal(typeof(string), typeof(ConnDiag.Model.DiagnosticReport).GetProperty("Url")!.PropertyType);
        Assert.All(Cmdlet.Parameters.Where(x => x.Name != "Uri"),
            x => Assert.DoesNotContain(x.Sets, s => s.FromPipeline || s.FromPipelineByPropertyName || s.Position is not null));
    }

    [Theory]
    [InlineData("WarnMs", 500d)]
    [InlineData("CriticalMs", 2000d)]
    [InlineData("ErrorRateWarnPercent", 1d)]
    [InlineData("ErrorRateCriticalPercent", 5d)]
    [InlineData("IntervalSeconds", 5d)]
    public void Threshold_defaults_are_the_issue_s_and_the_engine_s(string name, double expected)
    {
        var p = Cmdlet.Parameter(name);
        Assert.Equal(typeof(double), p.Type);
        Assert.Equal(expected, Cmdlet.DefaultValueOf(p));
        var engine = name == "IntervalSeconds" ? WatchOptions.Default.Interval.TotalSeconds
            : (double)typeof(WatchOptions).GetProperty(name)!.GetValue(WatchOptions.Default)!;
        Assert.Equal(expected, engine);
    }

    [Fact]
    public void Window_count_and_timeout_are_bounded_like_the_engine()
    {
        var window = Cmdlet.Parameter("WindowSize");
        Assert.Equal(((object)1, (object)WatchOptions.MaxWindowSize), window.ValidateRange);
        Assert.Equal(WatchOptions.Default.WindowSize, Cmdlet.DefaultValueOf(window));
        Assert.Equal(typeof(long?), Cmdlet.Parameter("Count").Type);
        Assert.Null(Cmdlet.DefaultValueOf(Cmdlet.Parameter("Count")));
        Assert.Equal(((object)0.1, (object)86400.0), Cmdlet.Parameter("IntervalSeconds").ValidateRange);
        Assert.Equal(0.1, WatchOptions.MinInterval.TotalSeconds);
        var timeout = Cmdlet.Parameter("TimeoutSeconds");
        Assert.Equal(["TimeoutSec"], timeout.Aliases);
        Assert.Equal(((object)1, (object)300), timeout.ValidateRange);
        Assert.Equal(typeof(string[]), Cmdlet.Parameter("Stage").Type);
        Assert.True(Cmdlet.Parameter("SkipCertificateCheck").IsSwitch);
    }

    [Fact]
    public void The_default_view_is_a_table_of_the_agreed_columns()
    {
        var views = FormatViews.Load(RepoPaths.FormatFile);
        var view = Assert.Single(views, v => v.TypeNames.Contains(typeof(EndpointSample).FullName!));
        Assert.Equal("TableControl", view.Control);
        Assert.Equal(["Sequence", "Timestamp", "LatencyMs", "P50Ms", "P95Ms", "ErrorRatePercent", "State", "FailedStage"], view.Columns.Select(c => c.Label));
        Assert.Equal(view.Columns.Select(c => c.Label), view.Columns.Select(c => c.PropertyName));
    }

    [Fact]
    public void The_sample_keeps_its_positional_shape()
    {
        // ConvertTo-PrometheusMetric and `conndiag metrics` read samples from their JSON; the record's
        // positional order is the shape they were written against.
        var ctor = Assert.Single(typeof(EndpointSample).GetConstructors(), c => c.GetParameters().Length > 1);
        Assert.Equal(
            ["Target", "Sequence", "Timestamp", "Success", "LatencyMs", "Outcome", "FailedStage", "StatusCode", "FindingCodes",
             "P50Ms", "P95Ms", "ErrorRatePercent", "WindowSize", "State", "PreviousState", "Reason"],
            ctor.GetParameters().Select(p => p.Name));
    }

    [Fact]
    public void The_help_page_says_which_percentile_method_is_used()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Docs, "Watch-Endpoint.md"));
        Assert.Contains("nearest-rank", text, StringComparison.Ordinal);
        Assert.Contains("*successful* probes", text, StringComparison.Ordinal);
    }
}
