using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Ports.MacOS;

/// <summary>
/// Parses <c>lsof -F pcuLftPnT</c> field output: one field per line, the first character naming it.
/// A process set starts with <c>p</c> (then c command, u uid, L login); a file set starts with <c>f</c>
/// (then t IPv4/IPv6, P TCP/UDP, n local[->remote], T TCP info such as <c>TST=LISTEN</c>).
/// </summary>
internal static class LsofFieldParser
{
    public static List<PortOwner> Parse(string text)
    {
        var owners = new List<PortOwner>();
        int? pid = null;
        string? command = null, uid = null, login = null;
        string? type = null, protocol = null, name = null, state = null;
        var inFile = false;

        void EmitFile()
        {
            if (inFile && TryBuild(pid, command, login ?? uid, type, protocol, name, state, out var owner)) owners.Add(owner);
            inFile = false;
            type = protocol = name = state = null;
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var value = line[1..];
            switch (line[0])
            {
                case 'p':
                    EmitFile();
                    pid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
                    command = uid = login = null;
                    break;
                case 'f':
                    EmitFile();
                    inFile = true;
                    break;
                case 'c' when !inFile: command = value; break;
                case 'u' when !inFile: uid = value; break;
                case 'L' when !inFile: login = value; break;
                case 't': type = value; break;
                case 'P': protocol = value; break;
                case 'n': name = value; break;
                case 'T' when value.StartsWith("ST=", StringComparison.Ordinal): state = value[3..]; break;
            }
        }
        EmitFile();
        return owners;
    }

    private static bool TryBuild(int? pid, string? command, string? user, string? type, string? protocol, string? name, string? state, out PortOwner owner)
    {
        owner = null!;
        TransportProtocol proto;
        if (string.Equals(protocol, "TCP", StringComparison.OrdinalIgnoreCase)) proto = TransportProtocol.Tcp;
        else if (string.Equals(protocol, "UDP", StringComparison.OrdinalIgnoreCase)) proto = TransportProtocol.Udp;
        else return false;
        if (string.IsNullOrEmpty(name)) return false;

        var v6 = type == "IPv6" || (type is null && name.StartsWith('['));
        var arrow = name.IndexOf("->", StringComparison.Ordinal);
        var localText = arrow < 0 ? name : name[..arrow];
        if (!TryParseEndpoint(localText, v6, out var local, out var localPort)) return false;
        var remote = v6 ? IPAddress.IPv6Any : IPAddress.Any;
        var remotePort = 0;
        if (arrow >= 0 && !TryParseEndpoint(name[(arrow + 2)..], v6, out remote, out remotePort)) return false;

        var socketState = proto == TransportProtocol.Udp
            ? (arrow < 0 ? SocketState.Listen : SocketState.Established)
            : StateOf(state);
        if (local.IsIPv4MappedToIPv6) local = local.MapToIPv4();
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        owner = new PortOwner(proto, local, localPort, remote, remotePort, socketState, pid, command, null, user,
            PortOwner.ScopeOf(local), OwnerVisible: pid is not null, IPv6Only: null, Inode: 0);
        return true;
    }

    /// <summary>"127.0.0.1:80", "*:80", "[::1]:80", "[fe80::1%lo0]:5353"; "*:*" is port 0 (never bound).</summary>
    internal static bool TryParseEndpoint(string text, bool v6, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0) return false;
        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (portText != "*" && !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)) return false;
        if (host == "*")
        {
            address = v6 ? IPAddress.IPv6Any : IPAddress.Any;
            return true;
        }
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        var zone = host.IndexOf('%');
        if (zone >= 0) host = host[..zone];
        return IPAddress.TryParse(host, out address!) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }

    // lsof prints the TCP state names of the platform's tcp_fsm.h / tcp_states.h.
    private static SocketState StateOf(string? state) => state switch
    {
        "LISTEN" => SocketState.Listen,
        "ESTABLISHED" => SocketState.Established,
        "SYN_SENT" => SocketState.SynSent,
        "SYN_RCVD" or "SYN_RECV" => SocketState.SynReceived,
        "FIN_WAIT_1" or "FIN_WAIT1" => SocketState.FinWait1,
        "FIN_WAIT_2" or "FIN_WAIT2" => SocketState.FinWait2,
        "TIME_WAIT" => SocketState.TimeWait,
        "CLOSED" or "CLOSE" => SocketState.Close,
        "CLOSE_WAIT" => SocketState.CloseWait,
        "LAST_ACK" => SocketState.LastAck,
        "CLOSING" => SocketState.Closing,
        _ => SocketState.Unknown,
    };
}
