using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Dns;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Commands;

/// <summary>
/// Resolve-DnsRecord: dig-like queries with ConnDiag's own client, one DnsAnswer per name and server, so
/// several servers line up side by side. (Not Resolve-DnsName: that would shadow the Windows cmdlet.)
/// </summary>
[Cmdlet(VerbsDiagnostic.Resolve, "DnsRecord")]
[OutputType(typeof(DnsAnswer))]
public sealed class ResolveDnsRecordCommand : PSCmdlet, IDisposable
{
    private AsyncBridge<DnsName, DnsAnswer>? _bridge;
    private ResolverConfiguration? _hostsConfig;

    /// <summary>Names to look up.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Record type to ask for.</summary>
    [Parameter(Position = 1)]
    public DnsRecordType Type { get; set; } = DnsRecordType.A;

    /// <summary>Servers to ask (1.1.1.1, 1.1.1.1:5353, [::1]:53, udp://, tcp://, https://host/dns-query); default: the system's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Server { get; set; }

    /// <summary>Ask UDP servers over TCP.</summary>
    [Parameter]
    public SwitchParameter Tcp { get; set; }

    /// <summary>Clear the RD bit (ask an authoritative server about its own data).</summary>
    [Parameter]
    public SwitchParameter NoRecursion { get; set; }

    /// <summary>Set the DNSSEC OK bit.</summary>
    [Parameter]
    public SwitchParameter Dnssec { get; set; }

    /// <summary>Per-attempt timeout in seconds.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Do not check the hosts file: without it, a name the hosts file answers before DNS is reported with DNS.HOSTS_OVERRIDE.</summary>
    [Parameter]
    public SwitchParameter NoHostsFile { get; set; }

    protected override void BeginProcessing()
    {
        var servers = new List<DnsServer>();
        foreach (var text in Server ?? [])
        {
            if (!DnsServer.TryParse(text, out var server, out var error))
            {
                ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidServer", $"Invalid -Server {error}.", text));
            }
            servers.Add(server!);
        }
        ResolverConfiguration? config = null;
        if (servers.Count == 0 || !NoHostsFile)
        {
            config = ResolverConfigurationReader.ForCurrentSystem().ReadAsync().GetAwaiter().GetResult();
        }
        if (servers.Count == 0)
        {
            servers.AddRange(ConfiguredServers.From(config!));
            if (servers.Count == 0)
            {
                ThrowTerminatingError(FindingErrors.ToErrorRecord(ConfiguredServers.NoServers(config!), config!.ResolvConfPath));
            }
        }
        _hostsConfig = NoHostsFile ? null : config;

        var client = new DnsQueryClient(new DnsQueryOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            UseTcpOnly = Tcp,
            Recursion = !NoRecursion,
            RequestDnssec = Dnssec,
        });
        var type = Type;
        _bridge = new AsyncBridge<DnsName, DnsAnswer>((names, ct) => DnsLookup.RunAsync(client, names, type, servers, DnsLookup.DefaultThrottle, ct));
    }

    protected override void ProcessRecord()
    {
        foreach (var text in Name)
        {
            if (DnsName.TryParse(text, out var name, out var error)) _bridge!.Add(name!);
            else WriteError(FindingErrors.InvalidArgument("InvalidName", $"Invalid name: {error}.", text));
        }
        foreach (var answer in _bridge!.Ready()) Emit(answer);
    }

    protected override void EndProcessing()
    {
        foreach (var answer in _bridge!.Finish()) Emit(answer);
    }

    protected override void StopProcessing() => _bridge?.Stop();

    public void Dispose() => _bridge?.Dispose();

    private void Emit(DnsAnswer answer)
    {
        if (_hostsConfig is not null) answer = ConfiguredServers.WithHostsCheck(answer, _hostsConfig);
        WriteObject(answer);
        foreach (var hosts in answer.Findings.Where(f => f.Code == Findings.FindingCodes.DnsHostsOverride))
        {
            WriteWarning($"{hosts.Code}: {hosts.Summary}");
        }
        if (FindingErrors.Primary(answer.Findings) is { } failure)
        {
            WriteError(FindingErrors.ToErrorRecord(failure, answer));
        }
    }
}
