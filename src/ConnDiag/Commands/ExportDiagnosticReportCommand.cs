using System.Management.Automation;
using System.Text;
using System.Text.Json;
using ConnDiag.Bridging;
using ConnDiag.Reports;
using ConnDiag.Serialization;

namespace ConnDiag.Commands;

/// <summary>
/// Export-DiagnosticReport: reports from the pipeline → one self-contained HTML file or a Markdown file. Objects are
/// turned into the documented JSON shape (ConnDiagJson) and strings are read as JSON (`conndiag ... --json` output), so
/// the file is exactly what `conndiag report` writes for the same reports.
/// </summary>
[Cmdlet(VerbsData.Export, "DiagnosticReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDiagnosticReportCommand : PSCmdlet
{
    private readonly List<JsonElement> _reports = [];
    private readonly StringBuilder _jsonText = new();
    private ReportFormat _format;
    private string _path = "";
    private volatile bool _stopping;

    /// <summary>Reports: DiagnosticReport (Test-Endpoint, Test-SystemdUnit), ClaudeConnectionReport, TlsChainReport, or JSON text of them.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, HelpMessage = "A report from Test-Endpoint, Test-ClaudeConnection, Test-SystemdUnit or Test-TlsChain, or its JSON.")]
    public PSObject? InputObject { get; set; }

    /// <summary>The file to write; relative paths are relative to the current PowerShell location.</summary>
    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The .html or .md file to write.")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Html or Markdown; by default from the extension (.html/.htm, .md/.markdown).</summary>
    [Parameter]
    public ReportFormat? Format { get; set; }

    /// <summary>Overwrite the file when it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        _path = GetUnresolvedProviderPathFromPSPath(Path);
        if (Format is { } f) _format = f;
        else if (ReportFormats.FromExtension(_path) is { } byName) _format = byName;
        else ThrowTerminatingError(FindingErrors.InvalidArgument("ReportFormatUnknown", Capital(ReportFormats.UnknownExtension(_path)) + " with -Format Html or -Format Markdown.", Path));
        // Refused before any input is collected, as Out-File -NoClobber does.
        if (!Force && File.Exists(_path)) ThrowTerminatingError(Exists(_path));
        var dir = System.IO.Path.GetDirectoryName(_path);
        if (dir is not null && !Directory.Exists(dir))
        {
            ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The directory '{dir}' does not exist: create it first."),
                "ReportDirectoryNotFound", ErrorCategory.ObjectNotFound, Path));
        }
    }

    protected override void ProcessRecord()
    {
        var item = InputObject?.BaseObject;
        switch (item)
        {
            case null:
                return;
            case string text:
                // Get-Content report.json and `conndiag ... --json` give lines: they are joined into one JSON text.
                _jsonText.Append(text).Append('\n');
                return;
            case PSCustomObject:
                ThrowTerminatingError(FindingErrors.InvalidArgument("ReportInputInvalid",
                    "A PSCustomObject is not a ConnDiag report; pass the report object itself, or its JSON text (Get-Content report.json) rather than ConvertFrom-Json output.", item));
                return;
            default:
                try
                {
                    _reports.Add(ConnDiagJson.ToElement(item));
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
                {
                    ThrowTerminatingError(FindingErrors.InvalidArgument("ReportInputInvalid",
                        $"A {item.GetType().FullName} cannot be read as a ConnDiag report ({ex.Message}); {ReportReader.ExpectedShape}.", item));
                }
                return;
        }
    }

    protected override void EndProcessing()
    {
        if (_stopping) return;
        string document;
        try
        {
            var inputs = new List<JsonElement>(_reports);
            if (_jsonText.Length > 0) inputs.Add(ReportDocument.ParseJson(_jsonText.ToString(), "pipeline text"));
            document = ReportDocument.Render(inputs, _format);
        }
        catch (ReportInputException ex)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("ReportInputInvalid", Capital(ex.Message) + ".", null));
            return;
        }
        if (!ShouldProcess(_path, $"Write {_format} report")) return;
        try
        {
            WriteObject(ReportDocument.WriteFile(_path, document, Force));
        }
        catch (ReportFileExistsException)
        {
            ThrowTerminatingError(Exists(_path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "ReportWriteFailed", ErrorCategory.WriteError, Path)
            {
                ErrorDetails = new ErrorDetails($"Cannot write '{_path}': {ex.Message}"),
            });
        }
    }

    /// <summary>Ctrl+C while reports are still arriving: nothing is written.</summary>
    protected override void StopProcessing() => _stopping = true;

    private static ErrorRecord Exists(string path) =>
        new(new IOException($"The file '{path}' already exists; use -Force to overwrite it."), "ReportFileExists", ErrorCategory.ResourceExists, path);

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
