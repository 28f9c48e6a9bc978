namespace ConnDiag.Dns.Configuration;

/// <summary>Whose rules the configuration was read by.</summary>
public enum ResolverPlatform
{
    /// <summary>glibc: resolv.conf, hosts, nsswitch.conf.</summary>
    Linux,

    /// <summary>macOS: resolv.conf is informational, the system resolver follows <c>scutil --dns</c>.</summary>
    MacOS,

    /// <summary>Windows: DNS servers and suffixes per network adapter, the hosts file under the system directory.</summary>
    Windows,
}

/// <summary>Who wrote resolv.conf, recognised from its comments (or symlink target).</summary>
public enum ResolvConfGenerator
{
    /// <summary>No known generator: written by hand or by a tool ConnDiag does not recognise.</summary>
    Unknown,

    /// <summary>systemd-resolved (stub-resolv.conf or its uplink resolv.conf).</summary>
    SystemdResolved,

    /// <summary>NetworkManager.</summary>
    NetworkManager,

    /// <summary>resolvconf / openresolv.</summary>
    Resolvconf,

    /// <summary>WSL (regenerated at every WSL start unless generateResolvConf = false in /etc/wsl.conf).</summary>
    Wsl,

    /// <summary>Docker (the container's copy of the host file, or the embedded-DNS file).</summary>
    Docker,
}

/// <summary>A local forwarder that sits between the C library and the real DNS servers.</summary>
public enum StubResolverKind
{
    /// <summary>The configured servers are asked directly.</summary>
    None,

    /// <summary>systemd-resolved's stub at 127.0.0.53 (or its proxy stub at 127.0.0.54).</summary>
    SystemdResolved,

    /// <summary>Docker's embedded DNS server at 127.0.0.11 (user-defined networks).</summary>
    DockerEmbedded,

    /// <summary>WSL's DNS tunnelling address 10.255.255.254.</summary>
    WslTunnel,

    /// <summary>Another forwarder on a loopback address (dnsmasq, NetworkManager's dnsmasq at 127.0.1.1, unbound, ...).</summary>
    LocalForwarder,
}
