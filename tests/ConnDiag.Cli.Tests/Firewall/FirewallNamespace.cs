using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Firewall;

/// <summary>
/// A namespace whose loopback traffic meets a drop rule (port <see cref="DropPort"/>) and an admin-prohibited
/// reject (port <see cref="RejectPort"/>), made with nft, and an iptables tcp-reset reject (port <see cref="ResetPort"/>)
/// in front of a listener. conndiag runs inside it, so "this machine" is the namespace and its rules are the ones it reads.
/// </summary>
public sealed class FirewallNamespace : NamespaceFixture
{
    public const string Table = "cdcli";
    public const int DropPort = 3456;
    public const int RejectPort = 3457;
    public const int ResetPort = 3458;

    protected override void Configure(NetNamespace ns)
    {
        ns.ApplyRules($$"""
            table inet {{Table}} {
              chain input {
                type filter hook input priority 0; policy accept;
                tcp dport {{DropPort}} counter drop
                tcp dport {{RejectPort}} reject with icmpx type admin-prohibited
              }
            }
            """);
        ns.Exec("iptables", "-A", "INPUT", "-p", "tcp", "--dport", ResetPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-j", "REJECT", "--reject-with", "tcp-reset");
        // Something listens on the reset port, so the refusal is the rule's doing, not an empty port.
        ns.StartListener(ResetPort);
    }

    /// <summary>Runs conndiag inside the namespace (`ip netns exec NAME dotnet conndiag.dll ...`).</summary>
    public Task<CliRun> RunInsideAsync(params string[] args) =>
        Conndiag.RunAsync(args, stdin: null, launcher: ["ip", "netns", "exec", Ns.Name]);
}
