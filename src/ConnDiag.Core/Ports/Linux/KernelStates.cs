namespace ConnDiag.Ports.Linux;

/// <summary>The kernel's socket state numbers (include/net/tcp_states.h) and the masks a dump asks for.</summary>
internal static class KernelStates
{
    public const int Established = 1;
    public const int Close = 7;
    public const int Listen = 10;
    public const int NewSynRecv = 12;

    /// <summary>Every state 1..12, for <see cref="PortStateFilter.All"/>.</summary>
    public const uint AllMask = 0x1FFE;

    /// <summary>
    /// The states a dump requests: TCP listeners are LISTEN; a UDP "listener" is an unconnected socket,
    /// which the kernel keeps in CLOSE (connected UDP sockets are ESTABLISHED).
    /// </summary>
    public static uint MaskFor(TransportProtocol protocol, PortStateFilter filter) =>
        filter == PortStateFilter.All ? AllMask
        : protocol == TransportProtocol.Tcp ? 1u << Listen
        : 1u << Close;

    public static bool Matches(uint mask, int state) => state is >= 0 and < 32 && (mask & (1u << state)) != 0;

    public static SocketState ToSocketState(TransportProtocol protocol, int state) =>
        protocol == TransportProtocol.Udp
            ? (state == Established ? SocketState.Established : SocketState.Listen)
            : state switch
            {
                Established => SocketState.Established,
                2 => SocketState.SynSent,
                3 or NewSynRecv => SocketState.SynReceived,
                4 => SocketState.FinWait1,
                5 => SocketState.FinWait2,
                6 => SocketState.TimeWait,
                Close => SocketState.Close,
                8 => SocketState.CloseWait,
                9 => SocketState.LastAck,
                Listen => SocketState.Listen,
                11 => SocketState.Closing,
                _ => SocketState.Unknown,
            };
}
