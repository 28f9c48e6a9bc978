using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConnDiag.Ports.MacOS;

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
        var start = new ProcessStartInfo(_lsof)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PlatformNotSupportedException($"Port owners on this platform need lsof, which could not be started: {ex.Message}.", ex);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        // Killing lsof closes its pipes, so the reads below end however the pipe streams treat cancellation.
        using var kill = timeout.Token.Register(() => Kill(process));
        try
        {
            var stdout = ReadCappedAsync(process.StandardOutput, MaxOutputChars, timeout.Token);
            var stderr = ReadCappedAsync(process.StandardError, 64 * 1024, timeout.Token);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            timeout.Token.ThrowIfCancellationRequested();
            // lsof exits 1 when it found nothing to list; anything else with a message is a real failure.
            if (process.ExitCode > 1 || (process.ExitCode == 1 && output.Length == 0 && errors.Trim().Length > 0))
            {
                throw new IOException($"lsof failed (exit code {process.ExitCode}): {FirstLine(errors)}");
            }
            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"lsof did not finish within {Timeout.TotalSeconds:0} s.");
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, int maxChars, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > maxChars) throw new IOException($"lsof wrote more than {maxChars} characters; refusing to read further.");
            text.Append(buffer, 0, n);
        }
        return text.ToString();
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? "no error message" : line;
    }
}
