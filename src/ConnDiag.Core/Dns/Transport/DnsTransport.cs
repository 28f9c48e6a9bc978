namespace ConnDiag.Dns.Transport;

/// <summary>How a query travels: UDP (RFC 1035), TCP with a length prefix (RFC 7766), or DNS over HTTPS (RFC 8484).</summary>
public enum DnsTransport { Udp, Tcp, Https }
