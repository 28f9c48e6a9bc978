using System.Net;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Net;
using ConnDiag.Ports;

namespace ConnDiag.Tcp;

/// <summary>
/// Explains a refused connect to this machine from its listener table: nothing listens, it listens on
/// loopback only, or on the other IP family only. One listener snapshot serves a whole sweep (refreshed
/// after <see cref="MaxAge"/>), so thousands of refusals cost one socket-table read, not thousands.
/// </summary>
public sealed class LocalListenerCheck
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private readonly IPortOwnerSource _source;
    private readonly object _gate = new();
    private Task<IReadOnlyList<PortOwner>>? _snapshot;
    private DateTime _takenAt;

    public LocalListenerCheck(IPortOwnerSource source) => _source = source;

    /// <summary>LOCAL findings for the refused attempts of a target that failed on every address.</summary>
    public async Task<IReadOnlyList<Finding>> ExplainAsync(string targetName, int port, IReadOnlyList<TcpAttempt> attempts, CancellationToken cancellationToken)
    {
        var refusedLocal = attempts.Where(a => a.State == TcpPortState.Closed && LocalAddresses.IsLocal(a.RemoteAddress)).ToList();
        if (refusedLocal.Count == 0) return [];

        IReadOnlyList<PortOwner> all;
        try
        {
            all = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or InvalidOperationException)
        {
            // Without a listener table the TCP verdict still stands; the explanation is best effort.
            return [];
        }
        var listeners = all.Where(o => o.Protocol == TransportProtocol.Tcp && o.State == SocketState.Listen && o.LocalPort == port).ToList();

        var findings = new List<Finding>();
        foreach (var a in refusedLocal)
        {
            var f = Explain(targetName, port, a, listeners);
            if (f is not null && !findings.Any(x => x.Code == f.Code && x.Summary == f.Summary)) findings.Add(f);
        }
        return findings;
    }

    private static Finding? Explain(string targetName, int port, TcpAttempt a, List<PortOwner> listeners)
    {
        var tried = a.Endpoint + (targetName == a.RemoteAddress.ToString() ? "" : $" ({targetName})");
        if (listeners.Count == 0)
        {
            return FindingCatalog.Create(FindingCodes.LocalNotListening,
                $"Nothing on this machine listens on TCP port {port} (tried {tried}).",
                $"The listener table has no TCP socket in LISTEN state on port {port}; the connect to {a.Endpoint} was refused.");
        }
        if (listeners.Any(l => l.Accepts(a.RemoteAddress)))
        {
            // A listener that should accept refused anyway: a local firewall reset or a full backlog, not a bind problem.
            return null;
        }
        var where = string.Join("; ", listeners.Select(Describe));
        var evidence = $"Connect to {a.Endpoint} refused; listeners on port {port}: {where}.";
        if (!IPAddress.IsLoopback(a.RemoteAddress) && listeners.All(l => l.BindScope == BindScope.Loopback))
        {
            return FindingCatalog.Create(FindingCodes.LocalLoopbackOnly,
                $"{tried} was refused: {where} — loopback only, so other addresses of this machine are not served.",
                evidence);
        }
        var family = a.RemoteAddress.AddressFamily;
        if (listeners.All(l => l.LocalAddress.AddressFamily != family || (l.LocalAddress.Equals(IPAddress.IPv6Any) && l.IPv6Only == true)))
        {
            var other = family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv6" : "IPv4";
            return FindingCatalog.Create(FindingCodes.LocalWrongFamily,
                $"{tried} was refused: {where} — {other} only.",
                evidence,
                $"Connect to {Target.Format(listeners[0].LocalAddress.ToString(), port)} (the family the service listens on), or make the service listen on both families (e.g. bind to :: with IPv6-only off, or to 0.0.0.0 and ::).");
        }
        return FindingCatalog.Create(FindingCodes.LocalNotListening,
            $"Nothing listens on {a.Endpoint}: {where}.",
            evidence,
            $"Connect to an address the service listens on, or make it listen on {a.RemoteAddress} (or on all interfaces).");
    }

    private static string Describe(PortOwner l)
    {
        var at = Target.Format(l.LocalAddress.ToString(), l.LocalPort);
        if (!l.OwnerVisible || l.Id is null) return $"a process not visible to this user listens on {at}";
        return $"{l.ProcessName ?? "process"} (PID {l.Id}) listens on {at}";
    }

    private Task<IReadOnlyList<PortOwner>> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_snapshot is null || _snapshot.IsFaulted || _snapshot.IsCanceled || DateTime.UtcNow - _takenAt > MaxAge)
            {
                _takenAt = DateTime.UtcNow;
                _snapshot = _source.GetOwnersAsync(new PortOwnerQuery([], TransportProtocol.Tcp, PortStateFilter.Listen), cancellationToken);
            }
            return _snapshot;
        }
    }
}
