using System.Security.Authentication;

namespace ConnDiag.Tls;

/// <summary>A TLS protocol version, as negotiated or as a handshake may be restricted to.</summary>
public enum TlsVersion
{
    /// <summary>TLS 1.0 (RFC 2246); deprecated, reported when a server still negotiates it.</summary>
    Tls10,
    /// <summary>TLS 1.1 (RFC 4346); deprecated, reported when a server still negotiates it.</summary>
    Tls11,
    /// <summary>TLS 1.2 (RFC 5246).</summary>
    Tls12,
    /// <summary>TLS 1.3 (RFC 8446).</summary>
    Tls13,
}

/// <summary>Conversions between <see cref="TlsVersion"/> and the platform's <see cref="SslProtocols"/>.</summary>
internal static class TlsVersions
{
    // The obsolete members are named only to recognise what an old server negotiated, never to offer them.
#pragma warning disable SYSLIB0039
    public static TlsVersion? From(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => TlsVersion.Tls13,
        SslProtocols.Tls12 => TlsVersion.Tls12,
        SslProtocols.Tls11 => TlsVersion.Tls11,
        SslProtocols.Tls => TlsVersion.Tls10,
        _ => null,
    };

    public static SslProtocols ToSslProtocols(IEnumerable<TlsVersion>? versions)
    {
        if (versions is null) return SslProtocols.None;
        var result = SslProtocols.None;
        foreach (var v in versions)
        {
            result |= v switch
            {
                TlsVersion.Tls13 => SslProtocols.Tls13,
                TlsVersion.Tls12 => SslProtocols.Tls12,
                TlsVersion.Tls11 => SslProtocols.Tls11,
                _ => SslProtocols.Tls,
            };
        }
        return result;
    }
#pragma warning restore SYSLIB0039

    /// <summary>"TLS 1.3" for people.</summary>
    public static string Name(TlsVersion v) => v switch
    {
        TlsVersion.Tls10 => "TLS 1.0",
        TlsVersion.Tls11 => "TLS 1.1",
        TlsVersion.Tls12 => "TLS 1.2",
        _ => "TLS 1.3",
    };
}
