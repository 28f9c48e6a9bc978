using ConnDiag.Cli.Output;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag dns NAME --diagnose [@SERVER...]`: the DNS stage for one name, its summary and findings.</summary>
internal static class DnsDiagnoseCommand
{
    public static async Task<int> RunAsync(DnsCommand.Arguments a, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            var config = await ResolverConfigurationReader.ForCurrentSystem().ReadAsync(cancellationToken).ConfigureAwait(false);
            var stage = new DnsStage(config, new DnsStageOptions
            {
                ExtraServers = a.Servers,
                CheckHostsFile = !a.NoHostsFile,
                QueryOptions = new DnsQueryOptions { Timeout = a.Timeout },
            });
            var name = a.QueryName!.Text;
            var result = await stage.RunAsync(name.Length > 1 ? name.TrimEnd('.') : name, cancellationToken).ConfigureAwait(false);
            console.Out.WriteLine($"dns {result.Outcome}: {result.Summary} ({result.DurationMs:0} ms)");
            if (result.Evidence is DnsStageEvidence evidence)
            {
                foreach (var (source, addresses) in evidence.AddressSets)
                {
                    console.Out.WriteLine($"  {source}: {(addresses.Count == 0 ? "no addresses" : string.Join(", ", addresses))}");
                }
            }
            FindingText.Write(console.Out, result.Findings);
            console.Out.Flush();
            return result.Outcome == Outcome.Fail ? ExitCodes.CheckFailed : ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("conndiag: cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
