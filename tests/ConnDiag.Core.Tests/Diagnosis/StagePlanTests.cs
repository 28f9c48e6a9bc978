using System.Net;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>Profiles extend the default plan: a stage inserted after tcp runs there and sees what tcp proved.</summary>
public sealed class StagePlanTests
{
    /// <summary>Records what it saw in the context and passes (or fails, when told to).</summary>
    private sealed class ProbeStage(string name, Outcome outcome = Outcome.Pass) : IDiagnosticStage
    {
        public string Name => name;
        public Layer Layer => Layer.Api;
        public IPEndPoint? SawEndPoint { get; private set; }
        public IReadOnlyList<IPAddress>? SawAddresses { get; private set; }
        public IReadOnlyList<string> SawCompleted { get; private set; } = [];

        public Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
        {
            SawEndPoint = context.ProvenEndPoint;
            SawAddresses = context.ResolvedAddresses;
            SawCompleted = context.Completed.Select(s => s.Stage).ToList();
            var findings = outcome == Outcome.Fail
                ? [FindingCatalog.Create(FindingCodes.HttpServerError, "custom failure", "the test said so")]
                : Array.Empty<Finding>();
            return Task.FromResult(new StageResult(Name, Layer, outcome, 0, $"{name} ran", findings));
        }
    }

    [Fact]
    public async Task An_inserted_stage_runs_in_order_and_sees_the_facts_earlier_stages_proved()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "hello"));
        var custom = new ProbeStage("auth");
        var plan = EndpointDiagnoser.DefaultPlan.InsertAfter("tcp", custom);

        var r = await new EndpointDiagnoser(_ => plan).DiagnoseAsync(server.Url("/"), EndpointDiagnoserTests.Options());

        Assert.Equal(["config", "dns", "tcp", "auth", "proxy", "tls", "http"], r.Stages.Select(s => s.Stage));
        Assert.Equal(["config", "dns", "tcp"], custom.SawCompleted);
        Assert.Equal(server.EndPoint, custom.SawEndPoint);
        Assert.Equal([IPAddress.Loopback], custom.SawAddresses);
        Assert.True(r.Outcome == Outcome.Pass, string.Join("\n", r.Findings));
        Assert.Equal(["config", "dns", "tcp", "proxy", "tls", "http"], EndpointDiagnoser.DefaultPlan.Names); // the default is untouched
    }

    [Fact]
    public async Task A_failing_custom_stage_stops_the_run_and_later_stages_name_it()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "hello"));
        var plan = EndpointDiagnoser.DefaultPlan.InsertAfter("tcp", new ProbeStage("auth", Outcome.Fail)).Append(new ProbeStage("api"));

        var r = await new EndpointDiagnoser(_ => plan).DiagnoseAsync(server.Url("/"), EndpointDiagnoserTests.Options());

        Assert.Equal("auth", r.FailedStage);
        Assert.All(r.Stages.Skip(4), s => Assert.Equal((Outcome.Skipped, "skipped: the auth stage failed"), (s.Outcome, s.Summary)));
        Assert.Empty(server.Received);
    }

    [Fact]
    public void Plan_edits_check_names()
    {
        var plan = EndpointDiagnoser.DefaultPlan;

        Assert.Contains("no stage named 'nope'", Assert.Throws<ArgumentException>(() => plan.InsertAfter("nope", new ProbeStage("x"))).Message);
        Assert.Contains("already has a stage named 'tcp'", Assert.Throws<ArgumentException>(() => plan.Append(new ProbeStage("tcp"))).Message);
        Assert.Equal(["config", "dns", "tcp", "proxy", "tls", "http", "api"], plan.Append(new ProbeStage("api")).Names);
    }
}
