using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// docs/json.md and the real --json output name the same properties, both ways, and the enum values the
/// docs list are the engine's. A renamed or added property fails here until the docs follow.
/// </summary>
public partial class JsonDocumentationTests
{
    internal static readonly Lazy<Dictionary<string, List<DocumentedProperty>>> Docs = new(ReadDocs);

    [Fact]
    public async Task Tcp_result_attempt_and_finding_properties_match_the_real_output()
    {
        using var open = new OpenPort();
        using var closed = new ClosedPort();
        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{open.Port}", $"127.0.0.1:{closed.Port}", "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var results = doc.RootElement.EnumerateArray().ToList();
        var failed = results.Single(r => r.GetProperty("port").GetInt32() == closed.Port);

        AssertSameNames("Tcp result", results.SelectMany(Names));
        AssertSameNames("Attempt", results.SelectMany(r => r.GetProperty("attempts").EnumerateArray()).SelectMany(Names));
        AssertSameNames("Finding", failed.GetProperty("findings").EnumerateArray().SelectMany(Names));
    }

    [Fact]
    public void Port_owner_properties_match_what_the_serializer_writes()
    {
        // Serialized in process with the CLI's own options, so this holds on any platform.
        var owner = new PortOwner(TransportProtocol.Tcp, IPAddress.Loopback, 3456, IPAddress.Any, 0, SocketState.Listen,
            4242, "node", "node server.js", "ops", BindScope.Loopback, true, null, 12345);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(owner, JsonOutput.Options));

        AssertSameNames("Port owner", Names(doc.RootElement));
    }

    [Fact]
    public async Task Clock_result_properties_match_the_real_output()
    {
        using var ntp = ConnDiag.Core.Tests.Clock.Support.NtpResponder.Always(
            new ConnDiag.Core.Tests.Clock.Support.NtpReply(ConnDiag.Core.Tests.Clock.Support.NtpReplyKind.Valid, Offset: TimeSpan.FromHours(1)));
        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server, "--json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = Assert.Single(doc.RootElement.EnumerateArray().ToList());

        AssertSameNames("Clock result", Names(result));
        AssertSameNames("Finding", result.GetProperty("findings").EnumerateArray().SelectMany(Names));
    }

    [Theory]
    [InlineData("Clock result", typeof(ConnDiag.Clock.ClockSkewResult))]
    [InlineData("Tcp result", typeof(TcpPortResult))]
    [InlineData("Attempt", typeof(TcpAttempt))]
    [InlineData("Finding", typeof(Finding))]
    [InlineData("Port owner", typeof(PortOwner))]
    [InlineData("Firewall rule", typeof(ConnDiag.Firewall.FirewallRule))]
    [InlineData("Port match", typeof(ConnDiag.Firewall.PortMatch))]
    [InlineData("Firewall problem", typeof(ConnDiag.Firewall.FirewallProblem))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var p in Docs.Value[section])
        {
            var clr = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(clr is not null, $"{section}.{p.Name} has no property on {type.Name}");
            var t = Nullable.GetUnderlyingType(clr!.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum || t.Namespace?.StartsWith("ConnDiag", StringComparison.Ordinal) != true) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(p.Values), $"{section}.{p.Name}: docs list [{string.Join(", ", p.Values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny, $"no ConnDiag enum property documented in {section}");
    }

    [Fact]
    public void Every_exit_code_is_documented()
    {
        var text = File.ReadAllText(DocsPath);
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => (int)f.GetRawConstantValue()!);
        foreach (var code in codes)
        {
            Assert.Contains($"| `{code}` |", text);
        }
    }

    internal static void AssertSameNames(string section, IEnumerable<string> actualNames)
    {
        var documented = Docs.Value[section].Select(p => p.Name).ToHashSet();
        var actual = actualNames.ToHashSet();
        Assert.True(actual.Count > 0, $"no JSON seen for {section}");
        var undocumented = actual.Except(documented).ToList();
        var missing = documented.Except(actual).ToList();
        Assert.True(undocumented.Count == 0, $"{section}: in the JSON but not in docs/json.md: {string.Join(", ", undocumented)}");
        Assert.True(missing.Count == 0, $"{section}: in docs/json.md but not in the JSON: {string.Join(", ", missing)}");
    }

    internal static IEnumerable<string> Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name);

    private static string DocsPath => Path.Combine(Repository.Root, "docs", "json.md");

    internal sealed record DocumentedProperty(string Name, IReadOnlyList<string> Values);

    /// <summary>
    /// Each object is a "### Name" heading followed by a table whose rows start "| `property` | type | meaning |";
    /// an enum's type cell lists its values in backticks.
    /// </summary>
    private static Dictionary<string, List<DocumentedProperty>> ReadDocs()
    {
        var sections = new Dictionary<string, List<DocumentedProperty>>();
        List<DocumentedProperty>? current = null;
        foreach (var line in File.ReadLines(DocsPath))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                current = [];
                sections[line[4..].Trim()] = current;
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal)) current = null;
            var row = Regex.Match(line, @"^\|\s*`([A-Za-z0-9]+)`\s*\|([^|]*)\|");
            if (current is null || !row.Success) continue;
            var typeCell = row.Groups[2].Value;
            var values = typeCell.Contains("enum", StringComparison.Ordinal)
                ? Regex.Matches(typeCell, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList()
                : [];
            current.Add(new DocumentedProperty(row.Groups[1].Value, values));
        }
        foreach (var name in new[] { "Tcp result", "Attempt", "Finding", "Port owner", "Clock result" })
        {
            Assert.True(sections.TryGetValue(name, out var props) && props.Count > 0, $"docs/json.md has no '### {name}' table");
        }
        return sections;
    }
}
