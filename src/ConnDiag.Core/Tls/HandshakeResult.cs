using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Tcp;

namespace ConnDiag.Tls;

/// <summary>
/// Everything one connect + handshake observed. Internal: the certificates are platform objects, which the
/// public report replaces by <see cref="CertificateInfo"/> values.
/// </summary>
internal sealed class HandshakeResult : IDisposable
{
    public required IPEndPoint Endpoint { get; init; }
    public required TcpAttempt Tcp { get; init; }

    /// <summary>The certificates the server sent (leaf first), copied inside the validation callback, so they exist even when validation fails.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; set; } = [];

    /// <summary>What the platform's validation said in the callback (the configured trust, no revocation).</summary>
    public SslPolicyErrors PolicyErrors { get; set; }
    public IReadOnlyList<string> PlatformChainStatus { get; set; } = [];

    public bool Completed { get; set; }

    /// <summary>The server sent a CertificateRequest (mutual TLS); ConnDiag never sends a client certificate.</summary>
    public bool ClientCertificateRequested { get; set; }
    public TlsVersion? Protocol { get; set; }
    public string? CipherSuite { get; set; }
    public string? Alpn { get; set; }
    public double? HandshakeMs { get; set; }

    /// <summary>Set when the handshake failed: how it failed, in ConnDiag's terms.</summary>
    public TlsFailure? Failure { get; set; }

    public bool Connected => Tcp.State == TcpPortState.Open;

    public string? LeafThumbprint => Certificates.Count > 0 ? Certificates[0].Thumbprint : null;

    public void Dispose()
    {
        foreach (var c in Certificates) c.Dispose();
    }
}
