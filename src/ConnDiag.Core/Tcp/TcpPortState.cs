namespace ConnDiag.Tcp;

/// <summary>What one connection attempt to one address found, in nmap's vocabulary where it applies.</summary>
public enum TcpPortState
{
    /// <summary>The handshake completed.</summary>
    Open,
    /// <summary>Refused: a TCP RST (or ICMP port unreachable) answered the SYN.</summary>
    Closed,
    /// <summary>No answer within the timeout: packets dropped on the way or at the host.</summary>
    Filtered,
    /// <summary>ICMP host unreachable, or no ARP/ND answer on the local link.</summary>
    HostUnreachable,
    /// <summary>No route to the network (locally or ICMP net unreachable).</summary>
    NetworkUnreachable,
    /// <summary>A firewall rejected it with ICMP administratively prohibited (EACCES on Linux IPv6).</summary>
    AdminProhibited,
    /// <summary>Any other socket error; see the attempt's error text.</summary>
    Error,
}

/// <summary>The verdict over all addresses of one target.</summary>
public enum TcpTargetStatus
{
    /// <summary>Every address accepted the connection.</summary>
    Open,
    /// <summary>Some addresses accepted, others failed.</summary>
    Partial,
    /// <summary>No address accepted.</summary>
    Failed,
    /// <summary>The name did not resolve to any usable address.</summary>
    Unresolved,
}
