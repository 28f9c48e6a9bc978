using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>
/// docs/json.md's HTTP tables and the serialized records name the same properties both ways, and the enum values
/// listed are the engine's. The records are serialized the way the CLI writes JSON (camelCase, enums as strings).
/// </summary>
public partial class HttpJsonDocumentationTests
{
    private static readonly Lazy<Dictionary<string, List<(string Name, List<string> Values)>>> Docs = new(ReadDocs);

    private static readonly HttpExchange Exchange = new(
        "https://api.test/", "GET / HTTP/1.1", [new("x-api-key", "sk-ant-…Ab12")], ["Cookie"], IPAddress.Loopback, 443,
        200, "OK", "1.1", [new("Content-Type", "text/plain")], 5, 5, false, "hello", null, null,
        new HttpTlsInfo("Tls13", "TLS_AES_256_GCM_SHA384", "h2", "api.test", CertificateValidationMode.System, "CN=a", "CN=b", null),
        new HttpPhases(0, 1, 2, 3, 4, 11), null, null, 100, 200);

    private static readonly HttpProbeResult Result = new(
        "https://api.test/", "GET",
        [new HttpAttempt(1, 0, 12, [Exchange], [FindingCatalog.Create(FindingCodes.HttpSlow, "s", "e")])],
        new CorsCheck("https://app.example", "PUT", ["x-api-key"], false, Exchange, "*", "GET", "*", false, false, ["p"]),
        [], 13);

    public static TheoryData<string, object> Objects => new()
    {
        { "HTTP probe result", Result },
        { "HTTP attempt", Result.Attempts[0] },
        { "HTTP exchange", Exchange },
        { "HTTP header", Exchange.RequestHeaders[0] },
        { "HTTP phases", Exchange.Phases },
        { "HTTP TLS", Exchange.Tls! },
        { "CORS check", Result.Cors! },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Documented_properties_are_exactly_the_serialized_ones(string section, object value)
    {
        using var doc = JsonDocument.Parse(ToJson(value));
        var actual = doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var documented = Docs.Value[section].Select(p => p.Name).ToHashSet();
        Assert.True(actual.SetEquals(documented),
            $"{section}: only in JSON: [{string.Join(", ", actual.Except(documented))}]; only in docs/json.md: [{string.Join(", ", documented.Except(actual))}]");
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, object value)
    {
        foreach (var (name, values) in Docs.Value[section].Where(p => p.Values.Count > 0))
        {
            var property = value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is not null, $"{section}.{name} is not a property of {value.GetType().Name}");
            var type = Nullable.GetUnderlyingType(property!.PropertyType) ?? property.PropertyType;
            Assert.True(type.IsEnum, $"{section}.{name} is documented as an enum but is {type.Name}");
            Assert.Equal(Enum.GetNames(type), values);
        }
    }

    private static Dictionary<string, List<(string, List<string>)>> ReadDocs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnDiag.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var sections = new Dictionary<string, List<(string, List<string>)>>();
        List<(string, List<string>)>? current = null;
        foreach (var line in File.ReadLines(Path.Combine(dir!.FullName, "docs", "json.md")))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                current = [];
                sections[line[4..].Trim()] = current;
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal)) current = null;
            var row = Row().Match(line);
            if (current is null || !row.Success) continue;
            var type = row.Groups[2].Value;
            var values = type.Contains("enum", StringComparison.Ordinal) ? Code().Matches(type).Select(m => m.Groups[1].Value).ToList() : [];
            current.Add((row.Groups[1].Value, values));
        }
        return sections;
    }

    [GeneratedRegex(@"^\|\s*`([A-Za-z0-9]+)`\s*\|([^|]*)\|")]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
