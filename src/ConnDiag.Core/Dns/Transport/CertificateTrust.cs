using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// Validates a DoH server's certificate against extra root certificates given by the caller, without
/// touching the machine's trust store. The host name must still match; only the chain's anchor may differ.
/// </summary>
internal static class CertificateTrust
{
    public static bool Accept(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection? roots, out string problem)
    {
        if (certificate is null)
        {
            problem = "the server sent no certificate";
            return false;
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            problem = $"the certificate ({certificate.Subject}) is not valid for the server's name";
            return false;
        }
        if (roots is null || roots.Count == 0)
        {
            problem = $"the certificate chain is not trusted ({Describe(presented)}); issuer: {certificate.Issuer}";
            return false;
        }
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        if (chain.Build(leaf))
        {
            problem = "";
            return true;
        }
        problem = $"the certificate chain is not trusted by the system or the given CA certificates ({Describe(chain)}); issuer: {certificate.Issuer}";
        return false;
    }

    private static string Describe(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        return statuses.Count == 0 ? "no chain details" : string.Join(", ", statuses);
    }
}
