using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Monitoring;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag watch --json` table against the real NDJSON of a watch that fails at tcp.</summary>
public partial class JsonDocumentationTests
{
    [Fact]
    public async Task Endpoint_sample_properties_match_the_real_output()
    {
        using var closed = new ClosedPort();
        var run = await Conndiag.RunAsync("watch", $"127.0.0.1:{closed.Port}", "--count", "2", "--interval", "0.1", "--json");
        Assert.True(run.ExitCode == 1, run.ToString());

        var samples = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, samples.Count);
        AssertSameNames("Endpoint sample", samples.SelectMany(Names));
    }

    [Fact]
    public void Endpoint_sample_enum_values_are_the_engine_enum_names()
    {
        Documented_enum_values_are_the_engine_enum_names("Endpoint sample", typeof(EndpointSample));
    }
}
