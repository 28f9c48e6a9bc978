using ConnDiag.Ports;

namespace ConnDiag.Firewall;

/// <summary>Which rules to read and keep.</summary>
/// <param name="Port">Keep rules that can affect this port: port conditions that include it, and rules without any
/// port condition that can still block it (a catch-all drop, a base chain's drop policy). Null keeps every rule.</param>
/// <param name="Protocol">Keep rules for this protocol or for any protocol. Null: both.</param>
/// <param name="Direction">Keep rules in chains that see this direction (flags may be combined). Null or None: all.</param>
/// <param name="NetworkNamespace">Read the rules of this named network namespace (runs the tools via <c>ip netns exec NAME</c>).</param>
/// <param name="Backends">Which backends to read; null or empty: both.</param>
public sealed record FirewallQuery(
    int? Port = null,
    TransportProtocol? Protocol = null,
    FirewallDirection? Direction = null,
    string? NetworkNamespace = null,
    IReadOnlyList<FirewallBackend>? Backends = null)
{
    internal bool Reads(FirewallBackend backend) => Backends is null || Backends.Count == 0 || Backends.Contains(backend);
}

/// <summary>Why a backend's rules could not be read.</summary>
public enum FirewallProblemKind
{
    /// <summary>The tool is not installed (or not on PATH).</summary>
    ToolMissing,
    /// <summary>The tool ran but the kernel refused: root or CAP_NET_ADMIN is needed.</summary>
    PermissionDenied,
    /// <summary>The named network namespace does not exist.</summary>
    NamespaceMissing,
    /// <summary>Timed out, wrote too much, failed otherwise, or wrote output that could not be parsed.</summary>
    Failed,
}

/// <summary>A backend (or one of its tools) that could not be read, and what to do about it.</summary>
/// <param name="Backend">The backend concerned.</param>
/// <param name="Tool">The command that failed (nft, iptables-save, ip6tables-save, ip).</param>
/// <param name="Kind">Class of failure.</param>
/// <param name="Message">One sentence: what happened and what to do (install which package, run as root).</param>
public sealed record FirewallProblem(FirewallBackend Backend, string Tool, FirewallProblemKind Kind, string Message)
{
    public override string ToString() => Message;
}

/// <summary>The rules read and the backends that could not be read.</summary>
/// <param name="Rules">Matching rules in evaluation order within each chain (nftables first, then iptables).</param>
/// <param name="Problems">Backends (or tools) that could not be read; rules from the others are still in <paramref name="Rules"/>.</param>
/// <param name="Notes">Facts about the merge, e.g. tables shown once although both backends list them.</param>
/// <param name="ReadBackends">Backends of which at least one tool was read successfully.</param>
public sealed record FirewallReadResult(
    IReadOnlyList<FirewallRule> Rules,
    IReadOnlyList<FirewallProblem> Problems,
    IReadOnlyList<string> Notes,
    IReadOnlyList<FirewallBackend> ReadBackends)
{
    /// <summary>No backend could be read: an empty rule list means nothing.</summary>
    public bool NothingRead => ReadBackends.Count == 0;
}
