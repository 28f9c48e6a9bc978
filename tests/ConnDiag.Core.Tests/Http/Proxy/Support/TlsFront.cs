using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Http.Proxy.Support;

/// <summary>
/// An HTTPS proxy for the tests: socat terminating TLS (a self-signed certificate generated per run, for
/// 127.0.0.1 and localhost) in front of a plain proxy port. Stopped by PID with its forked children.
/// </summary>
internal sealed class TlsFront : IDisposable
{
    public const string Binary = "socat";
    private readonly ChildProcess _process;
    private readonly string _dir;

    private TlsFront(ChildProcess process, string dir, int port, string thumbprint)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Thumbprint = thumbprint;
    }

    public int Port { get; }

    /// <summary>SHA-1 thumbprint of the certificate it serves (the test's trust decision).</summary>
    public string Thumbprint { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{Port}");

    public static TlsFront Start(int backendPort)
    {
        var dir = Directory.CreateTempSubdirectory("conndiag-tlsfront-").FullName;
        var pem = Path.Combine(dir, "proxy.pem");
        string thumbprint;
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=conndiag test proxy", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            thumbprint = cert.Thumbprint;
            File.WriteAllText(pem, cert.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n");
        }
        var port = TestSockets.FreePort(IPAddress.Loopback);
        var listen = string.Create(CultureInfo.InvariantCulture, $"OPENSSL-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,cert={pem},verify=0");
        var connect = string.Create(CultureInfo.InvariantCulture, $"TCP:127.0.0.1:{backendPort}");
        try
        {
            var child = ChildProcess.Start(Binary, ["-d", "-d", listen, connect], "listening on", TimeSpan.FromSeconds(10));
            return new TlsFront(child, dir, port, thumbprint);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
