using System.Management.Automation;
using System.Text;
using System.Text.Json;
using ConnDiag.Monitoring.Prometheus;
using ConnDiag.Serialization;

namespace ConnDiag.Commands;

/// <summary>
/// ConvertTo-PrometheusMetric: ConnDiag results (objects from the other cmdlets, or the JSON text `conndiag --json`
/// writes) as one string in the Prometheus text exposition format, for node_exporter's textfile collector.
/// Every object goes through its documented JSON shape, the same path as `conndiag metrics`.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "PrometheusMetric")]
[OutputType(typeof(string))]
public sealed class ConvertToPrometheusMetricCommand : PSCmdlet
{
    private PrometheusConverter _converter = new();

    /// <summary>Results to convert: reports, TCP and TLS results, clock and DNS results, status reports, watch samples, or their JSON text.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public PSObject[] InputObject { get; set; } = [];

    protected override void BeginProcessing() => _converter = new PrometheusConverter();

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject)
        {
            if (item?.BaseObject is not { } value) continue;
            foreach (var error in Add(value)) WriteError(error);
        }
    }

    /// <summary>One string with every family, written once all input is in (families must not repeat).</summary>
    protected override void EndProcessing()
    {
        if (_converter.Replaced > 0)
        {
            WriteVerbose($"{_converter.Replaced} of {_converter.InputCount} results had the same kind and target as a later one; the later one is written.");
        }
        WriteObject(_converter.ToText());
    }

    // Conversion is in-memory and bounded by the input; there is nothing to cancel, but Ctrl+C must not wait on it either.
    protected override void StopProcessing()
    {
    }

    private IEnumerable<ErrorRecord> Add(object value)
    {
        var number = _converter.InputCount + 1;
        JsonElement element;
        switch (value)
        {
            case JsonElement json:
                element = json;
                break;
            case string text:
                try
                {
                    return Errors(ConnDiagJsonReader.Parse(Encoding.UTF8.GetBytes(text), $"input {number} (a string)").SelectMany(_converter.Add), value);
                }
                catch (ResultInputException ex)
                {
                    return [new ErrorRecord(ex, "InvalidResultJson", ErrorCategory.ParserError, value)];
                }
            case PSCustomObject:
                return [new ErrorRecord(new ResultInputException(
                        $"input {number} is a PSCustomObject (from ConvertFrom-Json or Import-Csv?), not a ConnDiag result: pipe the result objects themselves, or the JSON text (Get-Content -Raw report.json)."),
                    "NotAConnDiagResult", ErrorCategory.InvalidType, value)];
            default:
                try
                {
                    element = ConnDiagJson.ToElement(value);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
                {
                    return [new ErrorRecord(new ResultInputException($"input {number} ({value.GetType().FullName}) is not a ConnDiag result: {ex.Message}"),
                        "NotAConnDiagResult", ErrorCategory.InvalidType, value)];
                }
                break;
        }
        return Errors(_converter.Add(element), value);
    }

    private static IEnumerable<ErrorRecord> Errors(IEnumerable<ResultInputException> errors, object target) =>
        errors.Select(e => new ErrorRecord(e, "NotAConnDiagResult", ErrorCategory.InvalidData, target)).ToList();
}
