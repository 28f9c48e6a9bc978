using System.Text;
using System.Text.Json;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Model;
using ConnDiag.Monitoring;
using ConnDiag.Monitoring.Prometheus;
using ConnDiag.Serialization;

namespace ConnDiag.Core.Tests.Monitoring.Prometheus;

/// <summary>What the converter accepts and refuses: watch samples, NDJSON streams, JSON errors with their position, unknown shapes.</summary>
public class ConverterInputTests
{
    private static EndpointSample Sample(long sequence, bool success, double p95Ms, WatchState state, int? status, params string[] codes) =>
        new("https://api.test/health", sequence, new DateTimeOffset(2026, 12, 7, 1, 0, (int)sequence, TimeSpan.Zero), success, 40 + sequence,
            success ? Outcome.Pass : Outcome.Fail, success ? null : "http", status, codes, 30, p95Ms, success ? 0 : 25, (int)sequence, state,
            sequence == 1 ? null : WatchState.Ok, "test");

    private static IReadOnlyList<JsonElement> Read(string text) => ConnDiagJsonReader.Parse(Encoding.UTF8.GetBytes(text), "stdin");

    [LinuxFact("promtool")]
    public void An_ndjson_stream_of_watch_samples_gives_the_latest_state_of_the_watch()
    {
        var lines = string.Join('\n', new[]
        {
            Sample(1, true, 45, WatchState.Ok, 200),
            Sample(2, true, 700, WatchState.Warning, 200),
            Sample(3, false, 2500, WatchState.Critical, 503, "HTTP.SERVICE_UNAVAILABLE", "HTTP.SERVICE_UNAVAILABLE"),
        }.Select(s => JsonSerializer.Serialize(s, new JsonSerializerOptions(ConnDiagJson.Options) { WriteIndented = false }))) + "\n";

        var converter = new PrometheusConverter();
        foreach (var value in Read(lines)) Assert.Empty(converter.Add(value));
        var samples = Exposition.Check(converter.ToText());

        // Samples repeat their target by design: the latest wins without a note.
        Assert.Equal((3, 0), (converter.InputCount, converter.Replaced));

        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=watch").Value);
        Assert.Equal(503, samples.One("conndiag_http_status_code", "kind=watch").Value);
        Assert.Equal(2.5, samples.One("conndiag_watch_latency_seconds", "percentile=95").Value);
        Assert.Equal(0.03, samples.One("conndiag_watch_latency_seconds", "percentile=50").Value);
        Assert.Equal(0.25, samples.One("conndiag_watch_error_ratio").Value);
        Assert.Equal(3, samples.One("conndiag_watch_window_probes").Value);
        Assert.Equal(1, samples.One("conndiag_watch_state", "state=Critical").Value);
        Assert.Equal(0, samples.One("conndiag_watch_state", "state=Ok").Value);
        // The code's severity comes from the catalogue; two findings with one code are counted, not repeated.
        Assert.Equal(2, samples.One("conndiag_findings", "code=HTTP.SERVICE_UNAVAILABLE", "severity=Error").Value);
        Assert.Equal(1796605203, samples.One("conndiag_probe_timestamp_seconds").Value);
    }

    [Fact]
    public void Concatenated_indented_documents_an_array_and_a_byte_order_mark_are_all_read()
    {
        var a = JsonSerializer.Serialize(Sample(1, true, 45, WatchState.Ok, 200), ConnDiagJson.Options);
        var b = JsonSerializer.Serialize(new[] { Sample(2, true, 45, WatchState.Ok, 200) with { Target = "b" } }, ConnDiagJson.Options);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(a + b + "\n\n")).ToArray();

        var values = ConnDiagJsonReader.Parse(bytes, "stdin");
        var converter = new PrometheusConverter();
        foreach (var v in values) Assert.Empty(converter.Add(v));

        Assert.Equal([JsonValueKind.Object, JsonValueKind.Array], values.Select(v => v.ValueKind));
        Assert.Equal(2, converter.InputCount);
        Assert.Equal(2, Exposition.Parse(converter.ToText()).Named("conndiag_probe_success").Count);
    }

    [Theory]
    [InlineData("{\"a\": 1}\n{\"b\": [1, 2,}\n", "stdin is not valid JSON at line 2, column 13: '}' is an invalid start of a value")]
    [InlineData("[{\"stages\": []", "stdin is not valid JSON at line 1, column 15: the input ends inside an object or array")]
    [InlineData("  {\"a\": tru}", "stdin is not valid JSON at line 1, column 12")]
    [InlineData("", "stdin is empty")]
    [InlineData(" \n\t", "stdin is empty")]
    public void Bad_json_names_the_line_and_column(string text, string expected)
    {
        var ex = Assert.Throws<ResultInputException>(() => Read(text));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message);
    }

    [Fact]
    public async Task Input_over_the_cap_is_refused_before_it_is_parsed()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 5000) + "{}"));
        var ex = await Assert.ThrowsAsync<ResultInputException>(() => ConnDiagJsonReader.ReadAllAsync(stream, "stdin", maxBytes: 4096));
        Assert.Equal("stdin is larger than 4096 bytes, the most that is read: give fewer results (for a long watch, only the latest samples: tail -n 1000)", ex.Message);
    }

    [Theory]
    [InlineData("{\"code\": \"TCP.REFUSED\", \"text\": \"x\"}", "input 1 is not a ConnDiag result: it has none of 'p95Ms' (a watch sample)", "(its properties: 'code', 'text')")]
    [InlineData("[{\"stages\": [], \"target\": {}, \"outcome\": \"Pass\"}, 42]", "input 2 is a number, not a ConnDiag result", "expected an object")]
    [InlineData("[[{}]]", "input 1 is an array inside an array", "expected an object")]
    public void An_element_of_no_known_shape_is_named_with_what_was_expected(string json, string start, string part)
    {
        var ex = Assert.Throws<ResultInputException>(() => PrometheusConverter.Convert(Read(json)));
        Assert.StartsWith(start, ex.Message, StringComparison.Ordinal);
        Assert.Contains(part, ex.Message);
    }

    [Fact]
    public void Missing_values_are_left_out_never_written_as_NaN()
    {
        // A TLS report of a handshake that never started: no certificate, no protocol, no handshake time.
        var json = """
            {"targetName":"127.0.0.1","port":1,"sentChain":[],"builtChain":[],"isTrusted":false,"protocol":null,"handshakeMs":null,
             "findings":[{"code":"TCP.REFUSED","severity":"Error"}],"succeeded":false}
            """;
        var samples = Exposition.Parse(PrometheusConverter.Convert(Read(json)));

        Assert.Equal(["conndiag_findings", "conndiag_probe_success"], samples.Select(s => s.Name).Order());
    }

    [Fact]
    public void A_series_is_kept_once_with_its_first_value_and_never_with_a_value_that_is_not_finite()
    {
        var set = new MetricSet();
        var labels = MetricLabels.Empty.With("kind", "tcp").With("target", "a:1");

        Assert.False(set.Add(MetricFamilies.ProbeSuccess, labels, double.NaN));
        Assert.False(set.Add(MetricFamilies.ProbeSuccess, labels, double.PositiveInfinity));
        Assert.True(set.Add(MetricFamilies.ProbeSuccess, labels, 1));
        Assert.False(set.Add(MetricFamilies.ProbeSuccess, MetricLabels.Empty.With("target", "a:1").With("kind", "tcp"), 0));

        var sample = Assert.Single(Exposition.Parse(ExpositionWriter.Write(set)));
        Assert.Equal(1, sample.Value);
        Assert.Throws<ArgumentException>(() => labels.With("kind", "again"));
        Assert.Throws<ArgumentException>(() => labels.With("__name__", "x"));
        Assert.Throws<ArgumentException>(() => labels.With("bad-name", "x"));
    }
}
