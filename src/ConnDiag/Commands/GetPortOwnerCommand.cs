using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Commands;

/// <summary>Get-PortOwner: which process owns a port, with its bind scope. No port: every listener.</summary>
[Cmdlet(VerbsCommon.Get, "PortOwner")]
[OutputType(typeof(PortOwner))]
public sealed class GetPortOwnerCommand : PSCmdlet, IDisposable
{
    private readonly List<int> _ports = [];
    private readonly CancellationTokenSource _cts = new();

    /// <summary>Local ports to look up; none means every listening socket.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPort")]
    [ValidateRange(1, 65535)]
    public int[]? Port { get; set; }

    /// <summary>TCP or UDP; both when omitted.</summary>
    [Parameter]
    public TransportProtocol? Protocol { get; set; }

    /// <summary>Listen (default): listening TCP and unconnected UDP sockets. All: connected sockets too.</summary>
    [Parameter]
    public PortStateFilter State { get; set; } = PortStateFilter.Listen;

    protected override void ProcessRecord()
    {
        if (Port is not null) _ports.AddRange(Port);
    }

    protected override void EndProcessing()
    {
        // One socket-table read for every port given on the pipeline.
        var query = new PortOwnerQuery(_ports.Distinct().ToArray(), Protocol, State);
        IReadOnlyList<PortOwner> owners;
        try
        {
            owners = PortOwnerFinder.FindAsync(query, _cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (PlatformNotSupportedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "UnsupportedPlatform", ErrorCategory.NotImplemented, null));
            return;
        }

        foreach (var owner in owners) WriteObject(owner);

        if (PortOwnerFindings.HiddenOwners(owners) is { } hidden)
        {
            WriteWarning($"{hidden.Summary} {hidden.Remedy}");
        }
        foreach (var (port, finding) in PortOwnerFindings.MissingPorts(query, owners))
        {
            WriteError(FindingErrors.ToErrorRecord(finding, port));
        }
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
