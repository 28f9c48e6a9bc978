using System.Globalization;
using ConnDiag.Ports.MacOS;
using ConnDiag.Processes;

namespace ConnDiag.Ports;

/// <summary>
/// macOS: a FALLBACK that runs <c>lsof -nP -w -iTCP -iUDP -F pcuLftPnT</c> and parses its field output
/// (<see cref="LsofFieldParser"/>). libproc (proc_pidinfo with PROC_PIDFDSOCKETINFO) would be several times
/// faster and needs no child process; this is the simple, documented first version. lsof does not report
/// IPV6_V6ONLY or command lines, so those stay null, and without root it lists only this user's processes
/// (other users' sockets are then missing rather than marked hidden). UNTESTED ON macOS: the parser is
/// unit-tested with sample output and the whole source runs against Linux's lsof, whose field output is the same.
/// </summary>
internal sealed class LsofPortOwnerSource : IPortOwnerSource
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    internal const int MaxOutputChars = 16 * 1024 * 1024;
    private const int MaxPortsOnCommandLine = 100;
    private readonly string _lsof;

    /// <param name="lsof">lsof executable (found on PATH by default).</param>
    public LsofPortOwnerSource(string lsof = "lsof") => _lsof = lsof;

    public async Task<IReadOnlyList<PortOwner>> GetOwnersAsync(PortOwnerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var output = await RunAsync(Arguments(query), cancellationToken).ConfigureAwait(false);
        return Filter(LsofFieldParser.Parse(output), query);
    }

    internal static List<string> Arguments(PortOwnerQuery query)
    {
        var args = new List<string> { "-n", "-P", "-w" };
        var ports = query.Ports.Count is > 0 and <= MaxPortsOnCommandLine
            ? ":" + string.Join(',', query.Ports.Select(p => p.ToString(CultureInfo.InvariantCulture)))
            : "";
        // Several -i options are ORed: TCP sockets or UDP sockets (on the given ports, local or remote).
        if (query.Protocol is null or TransportProtocol.Tcp) args.Add("-iTCP" + ports);
        if (query.Protocol is null or TransportProtocol.Udp) args.Add("-iUDP" + ports);
        args.AddRange(["-F", "pcuLftPnT"]);
        return args;
    }

    /// <summary>Applies the query and drops the duplicates lsof prints when one process holds a socket in two fds.</summary>
    internal static IReadOnlyList<PortOwner> Filter(IEnumerable<PortOwner> owners, PortOwnerQuery query) =>
        owners
            .Where(o => query.Protocol is null || o.Protocol == query.Protocol)
            .Where(o => query.State == PortStateFilter.All || o.State == SocketState.Listen)
            .Where(o => o.LocalPort != 0 && query.MatchesPort(o.LocalPort, o.RemotePort))
            .Distinct()
            .ToList();

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ProcessOutput run;
        try
        {
            run = await BoundedProcess.RunAsync(_lsof, arguments, Timeout, MaxOutputChars, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandNotFoundException ex)
        {
            throw new PlatformNotSupportedException($"Port owners on this platform need lsof, which could not be started: {ex.InnerException?.Message}.", ex);
        }
        // lsof exits 1 when it found nothing to list; anything else with a message is a real failure.
        if (run.ExitCode > 1 || (run.ExitCode == 1 && run.StdOut.Length == 0 && run.StdErr.Trim().Length > 0))
        {
            throw new IOException($"lsof failed (exit code {run.ExitCode}): {run.FirstErrorLine}");
        }
        return run.StdOut;
    }
}
