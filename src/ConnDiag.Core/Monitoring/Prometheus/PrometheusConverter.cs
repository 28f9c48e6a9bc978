using System.Text.Json;
using ConnDiag.Serialization;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// Turns ConnDiag results, in their JSON shape (docs/json.md), into the Prometheus text exposition format. Add
/// results one by one (an array adds each element), then <see cref="ToText"/> writes every family once with the
/// samples of all results. Two results with the same identity (kind and target, see docs/ConvertTo-PrometheusMetric.md)
/// describe the same thing at two times: the later one wins, so a stream of watch samples gives the latest state.
/// </summary>
public sealed class PrometheusConverter
{
    /// <summary>Most results kept (distinct targets); more is a mistake in what was piped in, not a textfile.</summary>
    public const int MaxResults = 100_000;

    private readonly List<(ResultKind Kind, MetricLabels Id, JsonElement Element)> _results = [];
    private readonly Dictionary<string, int> _byIdentity = [];
    private int _inputs;

    /// <summary>Results given so far, array elements counted one by one (the number that names an input in errors).</summary>
    public int InputCount => _inputs;

    /// <summary>
    /// Results that were replaced by a later result with the same identity, watch samples not counted: a stream
    /// of samples repeats its target by design, while two reports for one target are worth a note.
    /// </summary>
    public int Replaced { get; private set; }

    /// <summary>
    /// Adds a result, or each element of an array of results. Returns the inputs that are not results (each error
    /// names its input number and what was expected); the others are added.
    /// </summary>
    public IReadOnlyList<ResultInputException> Add(JsonElement element)
    {
        var errors = new List<ResultInputException>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) AddOne(item, errors);
        }
        else
        {
            AddOne(element, errors);
        }
        return errors;
    }

    /// <summary>All results in the exposition format ("" when there are none).</summary>
    public string ToText()
    {
        var set = new MetricSet();
        foreach (var (kind, id, element) in _results) ResultMetrics.Add(set, kind, id, element);
        return ExpositionWriter.Write(set);
    }

    /// <summary>Converts all <paramref name="inputs"/>; the first input that is not a result is thrown.</summary>
    /// <exception cref="ResultInputException">An input is not a ConnDiag result.</exception>
    public static string Convert(IEnumerable<JsonElement> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var converter = new PrometheusConverter();
        foreach (var input in inputs)
        {
            if (converter.Add(input) is [var first, ..]) throw first;
        }
        return converter.ToText();
    }

    private void AddOne(JsonElement element, List<ResultInputException> errors)
    {
        var number = ++_inputs;
        ResultKind kind;
        try
        {
            kind = ResultShapes.Detect(element, number);
        }
        catch (ResultInputException ex)
        {
            errors.Add(ex);
            return;
        }
        var id = ResultMetrics.IdentityOf(kind, element);
        var key = id.Key;
        if (_byIdentity.TryGetValue(key, out var index))
        {
            _results[index] = (kind, id, element.Clone());
            if (kind != ResultKind.Watch) Replaced++;
            return;
        }
        if (_results.Count >= MaxResults)
        {
            errors.Add(new ResultInputException($"input {number}: more than {MaxResults} distinct results; convert them in smaller groups"));
            return;
        }
        _byIdentity[key] = _results.Count;
        _results.Add((kind, id, element.Clone()));
    }
}
