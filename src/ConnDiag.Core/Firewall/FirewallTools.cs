using ConnDiag.Processes;

namespace ConnDiag.Firewall;

/// <summary>
/// Runs one firewall tool (optionally inside a named network namespace via <c>ip netns exec</c>) and turns every way
/// it can fail into a <see cref="FirewallProblem"/> that says what to install or which privilege is missing.
/// </summary>
internal sealed class FirewallTools
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    internal const int MaxOutputChars = 32 * 1024 * 1024;
    private readonly IReadOnlyList<string> _prefix;
    private readonly TimeSpan _timeout;

    /// <param name="prefix">Command words put before every tool (tests use it to drop privileges with setpriv).</param>
    /// <param name="timeout">Per-tool timeout.</param>
    public FirewallTools(IReadOnlyList<string>? prefix = null, TimeSpan? timeout = null)
    {
        _prefix = prefix ?? [];
        _timeout = timeout ?? Timeout;
    }

    /// <summary>The tool's stdout and stderr (warnings), or the problem that stopped it.</summary>
    public async Task<(string? Output, string Warnings, FirewallProblem? Problem)> RunAsync(FirewallBackend backend, string tool, IReadOnlyList<string> args,
        string? netns, CancellationToken cancellationToken)
    {
        var command = new List<string>(_prefix);
        if (netns is not null) command.AddRange(["ip", "netns", "exec", netns]);
        command.Add(tool);
        command.AddRange(args);
        ProcessOutput result;
        try
        {
            result = await BoundedProcess.RunAsync(command[0], command.Skip(1).ToList(), _timeout, MaxOutputChars, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandNotFoundException ex)
        {
            return (null, "", Missing(backend, ex.Command == "ip" && netns is not null ? "ip" : tool));
        }
        catch (IOException ex)
        {
            return (null, "", new FirewallProblem(backend, tool, FirewallProblemKind.Failed, $"{tool}: {ex.Message}"));
        }
        if (result.ExitCode == 0) return (result.StdOut, result.StdErr, null);
        return (null, result.StdErr, Classify(backend, tool, netns, result));
    }

    private static FirewallProblem Classify(FirewallBackend backend, string tool, string? netns, ProcessOutput result)
    {
        var err = result.StdErr;
        if (err.Contains($"exec of \"{tool}\" failed", StringComparison.Ordinal)) return Missing(backend, tool);
        if (netns is not null && err.Contains("Cannot open network namespace", StringComparison.Ordinal))
        {
            return new FirewallProblem(backend, "ip", FirewallProblemKind.NamespaceMissing,
                $"Network namespace '{netns}' does not exist (`ip netns list` shows the names; a container's namespace may need `ip netns attach NAME PID` first).");
        }
        if (err.Contains("Operation not permitted", StringComparison.Ordinal) || err.Contains("Permission denied", StringComparison.Ordinal)
            || err.Contains("must be root", StringComparison.Ordinal))
        {
            var what = netns is not null && err.Contains("setting the network namespace", StringComparison.Ordinal) ? $"enter network namespace '{netns}'" : "read the rules";
            return new FirewallProblem(backend, tool, FirewallProblemKind.PermissionDenied,
                $"{tool} needs root (or CAP_NET_ADMIN) to {what}: run as root, e.g. with sudo. It said: {result.FirstErrorLine}");
        }
        return new FirewallProblem(backend, tool, FirewallProblemKind.Failed, $"{tool} failed (exit code {result.ExitCode}): {result.FirstErrorLine}");
    }

    internal static FirewallProblem Missing(FirewallBackend backend, string tool)
    {
        var package = tool switch
        {
            "nft" => "nftables",
            "ip" => "iproute2",
            _ => "iptables",
        };
        return new FirewallProblem(backend, tool, FirewallProblemKind.ToolMissing,
            $"{tool} is not installed (or not on PATH): install the {package} package (e.g. apt-get install {package}, dnf install {package}) to read {(backend == FirewallBackend.Nftables ? "nftables" : "iptables")} rules.");
    }
}
