using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// docs/json.md's `conndiag dns --json` tables against the real output, both ways, and their enum values
/// against the engine's enums.
/// </summary>
public sealed class DnsJsonDocumentationTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private static readonly Lazy<Dictionary<string, List<(string Name, List<string> Values)>>> Docs = new(ReadDocs);

    [LinuxFact("dnsmasq")]
    public async Task Answer_header_attempt_edns_and_finding_properties_match_the_real_output()
    {
        byte[] ede = [0, 22, .. "no reachable authority"u8];
        using var failing = new HostileUdpResponder((q, _) =>
        [
            new DnsMessage(q.Header with { IsResponse = true, ResponseCode = DnsResponseCode.ServFail }, q.Question, [], [], [],
                new DnsEdns(1232, 0, false, 0, [new EdnsOption(15, ede)], [])).ToWire(),
        ]);

        var run = await Conndiag.RunAsync("dns", "host.claude.test", "@" + fixture.Server.Udp.Text, "@" + failing.Server.Text, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var answers = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, answers.Count);
        AssertSameNames("DNS answer", answers.SelectMany(Names));
        AssertSameNames("DNS header", answers.Select(a => a.GetProperty("header")).SelectMany(Names));
        AssertSameNames("DNS attempt", answers.SelectMany(a => a.GetProperty("attempts").EnumerateArray()).SelectMany(Names));
        AssertSameNames("EDNS", answers.Select(a => a.GetProperty("edns")).SelectMany(Names));
        AssertSameNames("EDNS option", answers[1].GetProperty("edns").GetProperty("options").EnumerateArray().SelectMany(Names));
        AssertSameNames("Extended DNS error", answers[1].GetProperty("edns").GetProperty("extendedErrors").EnumerateArray().SelectMany(Names));
        AssertSameNames("Finding", answers[1].GetProperty("findings").EnumerateArray().SelectMany(Names));
    }

    [Fact]
    public void Record_properties_of_every_type_match_what_the_serializer_writes()
    {
        // In process with the CLI's own options: every record type, as a DnsAnswer's sections hold them.
        IReadOnlyList<DnsRecord> records =
        [
            new ARecord("a.test.", 1, IPAddress.Loopback),
            new AaaaRecord("a.test.", 1, IPAddress.IPv6Loopback),
            new NsRecord("a.test.", 1, "ns.a.test."),
            new CNameRecord("b.test.", 1, "a.test."),
            new SoaRecord("a.test.", 1, "ns.a.test.", "admin.a.test.", 1, 2, 3, 4, 5),
            new PtrRecord("1.0.0.127.in-addr.arpa.", 1, "a.test."),
            new MxRecord("a.test.", 1, 10, "mx.a.test."),
            new TxtRecord("a.test.", 1, ["x", "y"]),
            new SrvRecord("_s._tcp.a.test.", 1, 1, 2, 3, "a.test."),
            new CaaRecord("a.test.", 1, 0, "issue", "ca.example"),
            new UnknownRecord("a.test.", (DnsRecordType)65280, 1, new byte[] { 1 }),
        ];
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(records, JsonOutput.Options));

        AssertSameNames("DNS record", doc.RootElement.EnumerateArray().SelectMany(Names));
    }

    [Theory]
    [InlineData("DNS answer", typeof(DnsAnswer))]
    [InlineData("DNS header", typeof(DnsHeader))]
    [InlineData("DNS record", typeof(DnsRecord))]
    [InlineData("DNS attempt", typeof(DnsAttempt))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var (name, values) in Docs.Value[section])
        {
            var clr = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (clr is null)
            {
                // Record-type properties live on the subclasses; only the base's own must exist.
                Assert.True(type == typeof(DnsRecord), $"{section}.{name} has no property on {type.Name}");
                continue;
            }
            var t = Nullable.GetUnderlyingType(clr.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum || t.Namespace?.StartsWith("ConnDiag", StringComparison.Ordinal) != true) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(values), $"{section}.{name}: docs list [{string.Join(", ", values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny, $"no ConnDiag enum property documented in {section}");
    }

    private static void AssertSameNames(string section, IEnumerable<string> actualNames)
    {
        var documented = Docs.Value[section].Select(p => p.Name).ToHashSet();
        var actual = actualNames.ToHashSet();
        Assert.True(actual.Count > 0, $"no JSON seen for {section}");
        var undocumented = actual.Except(documented).ToList();
        var missing = documented.Except(actual).ToList();
        Assert.True(undocumented.Count == 0, $"{section}: in the JSON but not in docs/json.md: {string.Join(", ", undocumented)}");
        Assert.True(missing.Count == 0, $"{section}: in docs/json.md but not in the JSON: {string.Join(", ", missing)}");
    }

    private static IEnumerable<string> Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name);

    /// <summary>Each "### Name" heading's table: rows "| `property` | type | meaning |", enum values in backticks in the type cell.</summary>
    private static Dictionary<string, List<(string, List<string>)>> ReadDocs()
    {
        var sections = new Dictionary<string, List<(string, List<string>)>>();
        List<(string, List<string>)>? current = null;
        foreach (var line in File.ReadLines(Path.Combine(Repository.Root, "docs", "json.md")))
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
            current.Add((row.Groups[1].Value, values));
        }
        return sections;
    }
}
