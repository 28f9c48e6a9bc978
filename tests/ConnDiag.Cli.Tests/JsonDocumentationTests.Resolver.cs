using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag resolver --json` tables against the real output.</summary>
public partial class JsonDocumentationTests
{
    [Fact]
    public async Task Resolver_configuration_properties_match_the_real_output()
    {
        using var files = new ResolverFiles();
        var run = await Conndiag.RunAsync(["resolver", "api.example.com", .. files.Options, "--json"], stdin: null);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        IEnumerable<JsonElement> Each(JsonElement parent, string name) => parent.GetProperty(name).EnumerateArray();

        AssertSameNames("Resolver configuration", Names(root));
        AssertSameNames("Name server", Each(root, "servers").Concat(Each(root, "ignoredServers")).Concat(Each(root, "upstreamServers")).SelectMany(Names));
        AssertSameNames("Search domain", Each(root, "searchList").SelectMany(Names));
        AssertSameNames("Resolver options", Names(root.GetProperty("options")));
        AssertSameNames("Resolver option", Each(root.GetProperty("options"), "entries").SelectMany(Names));
        AssertSameNames("Hosts entry", Each(root, "hostsEntries").SelectMany(Names));
        AssertSameNames("Lookup source", Each(root, "lookupOrder").SelectMany(Names));
        var check = Assert.Single(Each(root, "nameChecks"));
        AssertSameNames("Name check", Names(check));
        AssertSameNames("Search candidate", Each(check, "candidates").SelectMany(Names));
        AssertSameNames("Hosts entry", Each(check, "hostsEntries").SelectMany(Names));
        AssertSameNames("Configuration note", Each(root, "notes").Concat(Each(root, "warnings")).SelectMany(Names));
        AssertSameNames("Finding", Each(root, "findings").SelectMany(Names));
    }

    [Fact]
    public void Resolver_enum_values_are_the_engine_enum_names()
    {
        Documented_enum_values_are_the_engine_enum_names("Resolver configuration", typeof(ResolverConfiguration));
    }
}
