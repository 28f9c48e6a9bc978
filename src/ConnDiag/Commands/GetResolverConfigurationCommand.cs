using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Dns.Configuration;
using ConnDiag.Model;

namespace ConnDiag.Commands;

/// <summary>
/// Get-ResolverConfiguration: the system resolver setup (servers, search list, options, hosts entries, lookup
/// order, stub detection) as one object; optionally other files, and names to check against the hosts file.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ResolverConfiguration")]
[OutputType(typeof(ResolverConfiguration))]
public sealed class GetResolverConfigurationCommand : PSCmdlet, IDisposable
{
    private readonly List<string> _names = [];
    private readonly CancellationTokenSource _cts = new();

    /// <summary>Names to check: hosts-file entries that answer them before DNS, and the names sent to DNS.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetName")]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>A resolv.conf to read instead of the system's (offline analysis).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A hosts file to read instead of the system's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HostsPath { get; set; }

    /// <summary>An nsswitch.conf to read instead of /etc/nsswitch.conf.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NsswitchPath { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name ?? [])
        {
            if (SearchList.ValidateName(name) is { } problem)
            {
                WriteError(FindingErrors.InvalidArgument("InvalidName", $"Cannot check '{name}': {problem}.", name));
                continue;
            }
            if (!_names.Contains(name, StringComparer.OrdinalIgnoreCase)) _names.Add(name);
        }
    }

    protected override void EndProcessing()
    {
        var sources = ResolverConfigurationSources.ForCurrentSystem()
            .WithFiles(ExistingFile(Path, nameof(Path)), ExistingFile(HostsPath, nameof(HostsPath)), ExistingFile(NsswitchPath, nameof(NsswitchPath)));
        ResolverConfiguration config;
        try
        {
            config = new ResolverConfigurationReader(sources).ReadAsync(_names, _cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        WriteObject(config);
        foreach (var finding in config.Findings)
        {
            if (finding.Severity == Severity.Error) WriteError(FindingErrors.ToErrorRecord(finding, config.ResolvConfPath));
            else WriteWarning($"{finding.Code}: {finding.Summary}");
        }
    }

    /// <summary>The full path of a file the user named (relative to the PowerShell location), or a terminating error.</summary>
    private string? ExistingFile(string? path, string parameter)
    {
        if (path is null) return null;
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(full))
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("PathNotFound", $"-{parameter}: '{path}' is not a file ({full} does not exist or is a directory).", path));
        }
        return full;
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
