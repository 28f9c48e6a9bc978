using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Http.Support;

/// <summary>Short ways to run the probe in tests, and the JSON shape the CLI will write (camelCase, enums as strings).</summary>
internal static class ProbeHelpers
{
    /// <summary>Small, bounded defaults for loopback tests: nothing here should take seconds unless the test says so.</summary>
    public static HttpProbeOptions Fast { get; } = new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        WarnMs = 10_000,
        CriticalMs = 20_000,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    public static async Task<HttpProbeResult> ProbeAsync(Uri uri, HttpProbeOptions? options = null, Func<HttpProbeRequest, HttpProbeRequest>? request = null)
    {
        var r = new HttpProbeRequest(uri);
        if (request is not null) r = request(r);
        // A hard bound on every test probe, whatever its options say.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await new HttpProbe().ProbeAsync(r, options ?? Fast, limit.Token);
    }

    public static Finding Single(HttpProbeResult result, string code)
    {
        var matches = result.Findings.Where(f => f.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code}, got: {Describe(result)}");
        return matches[0];
    }

    public static string Describe(HttpProbeResult result) =>
        string.Join(" | ", result.Findings.Select(f => $"{f.Code} [{f.Severity}] {f.Summary} -- {f.Evidence}"))
        + $" || final: {result.Final}";

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(), new IPAddressConverter() },
        WriteIndented = true,
    };

    public static string ToJson(object value) => JsonSerializer.Serialize(value, value.GetType(), Json);

    private sealed class IPAddressConverter : JsonConverter<IPAddress>
    {
        public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            IPAddress.Parse(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
