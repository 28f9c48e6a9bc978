namespace ConnDiag.Ports;

/// <summary>What to look for: ports (empty = all), protocol (null = both), and listeners or every socket.</summary>
/// <param name="Ports">Local ports to match (in <see cref="PortStateFilter.All"/> mode the remote port matches too). Empty = any.</param>
/// <param name="Protocol">TCP, UDP, or null for both.</param>
/// <param name="State">Listeners only (TCP LISTEN and unconnected UDP), or every socket.</param>
public sealed record PortOwnerQuery(IReadOnlyCollection<int> Ports, TransportProtocol? Protocol, PortStateFilter State)
{
    public static PortOwnerQuery Listeners(params int[] ports) => new(ports, null, PortStateFilter.Listen);

    public bool MatchesPort(int localPort, int remotePort) =>
        Ports.Count == 0 || Ports.Contains(localPort) || (State == PortStateFilter.All && remotePort != 0 && Ports.Contains(remotePort));
}
