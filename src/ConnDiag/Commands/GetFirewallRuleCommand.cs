using System.Management.Automation;
using ConnDiag.Findings;
using ConnDiag.Firewall;
using ConnDiag.Ports;

namespace ConnDiag.Commands;

/// <summary>Get-FirewallRule: the nftables and iptables rules that can affect a port (Linux). Read-only.</summary>
[Cmdlet(VerbsCommon.Get, "FirewallRule")]
[OutputType(typeof(FirewallRule))]
public sealed class GetFirewallRuleCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private FirewallReadResult? _all;

    /// <summary>Keep the rules that can affect this port; every rule when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPort")]
    [ValidateRange(1, 65535)]
    public int? Port { get; set; }

    /// <summary>Keep rules for this protocol or for any protocol.</summary>
    [Parameter]
    public TransportProtocol? Protocol { get; set; }

    /// <summary>Inbound (input, prerouting), Outbound (output, postrouting) or Forward; flags may be combined.</summary>
    [Parameter]
    public FirewallDirection? Direction { get; set; }

    /// <summary>Read the rules of this named network namespace (ip netns exec NAME ...).</summary>
    [Parameter]
    [Alias("Netns")]
    [ValidateNotNullOrEmpty]
    public string? NetworkNamespace { get; set; }

    /// <summary>Read only these backends; both when omitted.</summary>
    [Parameter]
    public FirewallBackend[]? Backend { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            FirewallRuleFinder.ValidateNamespace(NetworkNamespace);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "InvalidNetworkNamespace", ErrorCategory.InvalidArgument, NetworkNamespace));
        }
    }

    protected override void ProcessRecord()
    {
        _all ??= Read();
        var query = new FirewallQuery(Port, Protocol, Direction, NetworkNamespace, Backend);
        foreach (var rule in FirewallFilter.Apply(_all.Rules, query)) WriteObject(rule);
    }

    /// <summary>One read of every rule for the whole pipeline; each port then filters it.</summary>
    private FirewallReadResult Read()
    {
        FirewallReadResult all;
        try
        {
            all = new FirewallRuleFinder().ReadAllAsync(new FirewallQuery(NetworkNamespace: NetworkNamespace, Backends: Backend), _cts.Token)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (PlatformNotSupportedException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "UnsupportedPlatform", ErrorCategory.NotImplemented, null));
            throw;
        }
        foreach (var note in all.Notes) WriteVerbose(note);
        foreach (var problem in all.Problems)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(problem.Message), FindingCodes.LocalFirewallUnreadable, Category(problem.Kind), problem.Tool)
            {
                ErrorDetails = new ErrorDetails(problem.Message) { RecommendedAction = FindingCatalog.Get(FindingCodes.LocalFirewallUnreadable).Remedy },
            });
        }
        return all;
    }

    private static ErrorCategory Category(FirewallProblemKind kind) => kind switch
    {
        FirewallProblemKind.ToolMissing or FirewallProblemKind.NamespaceMissing => ErrorCategory.ObjectNotFound,
        FirewallProblemKind.PermissionDenied => ErrorCategory.PermissionDenied,
        _ => ErrorCategory.ReadError,
    };

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
