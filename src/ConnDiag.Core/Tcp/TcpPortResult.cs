using System.Net;
using ConnDiag.Model;

namespace ConnDiag.Tcp;

/// <summary>The result of probing one target: every address it resolved to, each attempt, and the findings.</summary>
/// <param name="TargetName">Host name or address as given.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Status">Open, Partial, Failed or Unresolved.</param>
/// <param name="ResolveMs">Time the name lookup took (0 for IP literals).</param>
/// <param name="Attempts">One connect per address, in resolver order.</param>
/// <param name="Findings">What went wrong (empty when every address is open).</param>
public sealed record TcpPortResult(
    string TargetName,
    int Port,
    TcpTargetStatus Status,
    double ResolveMs,
    IReadOnlyList<TcpAttempt> Attempts,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>True when at least one address accepted the connection.</summary>
    public bool Succeeded => Status is TcpTargetStatus.Open or TcpTargetStatus.Partial;

    /// <summary>The first address that accepted, else the first address tried.</summary>
    public IPAddress? RemoteAddress => Decisive?.RemoteAddress;

    /// <summary>The state of the first open attempt, else of the first failed one.</summary>
    public TcpPortState? State => Decisive?.State;

    /// <summary>Connect time of the first open attempt, else of the first attempt.</summary>
    public double? ConnectMs => Decisive?.ConnectMs;

    /// <summary>Every address the name resolved to (after the -IPv4/-IPv6 filter).</summary>
    public IReadOnlyList<IPAddress> Addresses => Attempts.Select(a => a.RemoteAddress).ToList();

    private TcpAttempt? Decisive => Attempts.FirstOrDefault(a => a.State == TcpPortState.Open) ?? Attempts.FirstOrDefault();

    public override string ToString() => $"{Target.Format(TargetName, Port)} {Status}";
}
