using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Http.Transport;

/// <summary>
/// Decides whether an https server's certificate is accepted: the system's verdict, else a chain to one of
/// the CA bundle's roots (the host name must still match), or anything when checking is off. It records the
/// leaf and the reason for a rejection in the trace, because SocketsHttpHandler only says "the SSL connection
/// could not be established".
/// </summary>
internal sealed class CertificateTrust
{
    private readonly X509Certificate2Collection? _roots;

    private CertificateTrust(CertificateValidationMode mode, X509Certificate2Collection? roots)
    {
        Mode = mode;
        _roots = roots;
    }

    public CertificateValidationMode Mode { get; }

    /// <summary>Loads the CA bundle once per probe; a missing or certificate-less file is a clear input error.</summary>
    public static CertificateTrust Create(HttpProbeOptions options)
    {
        if (options.SkipCertificateCheck) return new CertificateTrust(CertificateValidationMode.Skipped, null);
        if (options.CaBundlePath is null) return new CertificateTrust(CertificateValidationMode.System, null);
        var path = options.CaBundlePath;
        if (!File.Exists(path)) throw new ArgumentException($"CA bundle '{path}' does not exist.");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"CA bundle '{path}' could not be read as PEM certificates: {ex.Message}", ex);
        }
        if (roots.Count == 0) throw new ArgumentException($"CA bundle '{path}' holds no PEM certificate.");
        return new CertificateTrust(CertificateValidationMode.CaBundle, roots);
    }

    public bool Validate(ConnectionTrace trace, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null)
        {
            trace.CertificateSubject = certificate.Subject;
            trace.CertificateIssuer = certificate.Issuer;
        }
        if (Mode == CertificateValidationMode.Skipped || errors == SslPolicyErrors.None) return true;

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            trace.CertificateRejection = "the server sent no certificate";
            return false;
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            trace.CertificateRejection = "the certificate does not name this host (SAN mismatch)";
            return false;
        }
        var bundleStatus = "";
        if (_roots is not null && certificate is not null && ChainsToBundle(certificate, chain, out bundleStatus))
        {
            return true;
        }
        var status = chain?.ChainStatus.Select(s => $"{s.Status} ({s.StatusInformation.Trim()})").Distinct().ToList() ?? [];
        trace.CertificateRejection = "the certificate chain is not trusted: "
            + (status.Count > 0 ? string.Join("; ", status) : errors.ToString())
            + (_roots is not null ? $"; nor does it chain to the CA bundle ({bundleStatus})" : "");
        return false;
    }

    private bool ChainsToBundle(X509Certificate certificate, X509Chain? sent, out string status)
    {
        using var leaf = new X509Certificate2(certificate);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots!);
        if (sent is not null)
        {
            // The intermediates the server sent are in the system chain's extra store.
            custom.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        }
        var ok = custom.Build(leaf);
        status = ok ? "ok" : string.Join("; ", custom.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return ok;
    }
}
