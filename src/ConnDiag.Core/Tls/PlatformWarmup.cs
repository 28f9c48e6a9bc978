using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>
/// The first certificate chain a .NET process builds on Linux loads the whole system certificate store
/// (about 0.3 s here), whatever trust mode is asked for. Done inside the first handshake, that time would be
/// reported as the server's HandshakeMs; done once up front, it is not. Runs once per process.
/// </summary>
internal static class PlatformWarmup
{
    private static readonly Lazy<Task> Once = new(() => Task.Run(Warm));

    public static Task EnsureAsync() => Once.Value;

    private static void Warm()
    {
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=ConnDiag warm-up", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.Build(certificate);
        }
        catch (CryptographicException)
        {
            // A platform without these primitives simply pays the cost in the first handshake.
        }
    }
}
