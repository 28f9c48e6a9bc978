using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Logs;

namespace ConnDiag.Commands;

/// <summary>Find-ConnectionError: classify log lines (files, rotated .gz, journald JSON, pipeline strings) into finding codes.</summary>
[Cmdlet(VerbsCommon.Find, "ConnectionError", DefaultParameterSetName = PathSet)]
[OutputType(typeof(LogFinding), typeof(LogCodeSummary), ParameterSetName = [PathSet, LiteralPathSet, InputSet])]
public sealed class FindConnectionErrorCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string InputSet = "InputObject";
    private LogScanOptions _options = new();
    private LogSourceScanner? _pipeline;
    private LogSummary.Builder? _summary;
    private CancellationTokenSource? _cts;

    /// <summary>Log files; wildcards select several (rotated logs such as <c>error.log*</c>, .gz included).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Log files, taken literally (no wildcard expansion); binds file objects from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Log lines from the pipeline (Get-Content, journalctl output, journalctl -o json lines).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
    [AllowEmptyString]
    public string? InputObject { get; set; }

    /// <summary>Only lines written at or after this time (lines without a time follow the timed line before them).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only the last N lines of each file (or of the pipeline input).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>One LogCodeSummary per code (count, first and last time) instead of the findings.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override void BeginProcessing()
    {
        _options = new LogScanOptions(Since is { } s ? new DateTimeOffset(s) : null, Tail);
        _summary = Summary ? new LogSummary.Builder() : null;
        _cts = new CancellationTokenSource();
        if (ParameterSetName == InputSet) _pipeline = new LogSourceScanner("pipeline", _options);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputSet)
        {
            foreach (var f in _pipeline!.Add(InputObject)) Emit(f);
            return;
        }
        foreach (var file in Resolve())
        {
            ScanFile(file);
        }
    }

    protected override void EndProcessing()
    {
        if (_pipeline is not null)
        {
            foreach (var f in _pipeline.Complete()) Emit(f);
        }
        if (_summary is not null)
        {
            foreach (var s in _summary.Build().Codes) WriteObject(s);
        }
    }

    protected override void StopProcessing() => _cts?.Cancel();

    private IEnumerable<string> Resolve()
    {
        var files = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            files.AddRange(LiteralPath.Select(p => GetUnresolvedProviderPathFromPSPath(p)));
            return files;
        }
        foreach (var p in Path)
        {
            try
            {
                var matched = GetResolvedProviderPathFromPSPath(p, out _);
                if (matched.Count == 0)
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"No log file matches '{p}'."), "LogFileNotFound", ErrorCategory.ObjectNotFound, p));
                    continue;
                }
                // Oldest first, so rotated logs (error.log.2.gz, error.log.1, error.log) are read in time order.
                files.AddRange(matched.Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc)
                    .ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => f.FullName));
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(new ErrorRecord(new FileNotFoundException(ex.Message), "LogFileNotFound", ErrorCategory.ObjectNotFound, p));
            }
        }
        return files;
    }

    private void ScanFile(string file)
    {
        try
        {
            // Synchronous drain of the async scan: the pipeline thread must write the objects.
            var e = LogScanner.ScanFileAsync(file, _options, _cts!.Token).GetAsyncEnumerator(_cts.Token);
            try
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult()) Emit(e.Current);
            }
            finally
            {
                e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (FileNotFoundException ex)
        {
            WriteError(new ErrorRecord(ex, "LogFileNotFound", ErrorCategory.ObjectNotFound, file));
        }
        catch (ArgumentException ex)
        {
            WriteError(FindingErrors.InvalidArgument("InvalidLogPath", ex.Message, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            WriteError(new ErrorRecord(ex, "LogFileUnreadable", ErrorCategory.ReadError, file)
            {
                ErrorDetails = new ErrorDetails($"Cannot read log file '{file}': {ex.Message}"),
            });
        }
        catch (OperationCanceledException) when (_cts!.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private void Emit(LogFinding f)
    {
        if (_summary is not null) _summary.Add(f);
        else WriteObject(f);
    }
}
