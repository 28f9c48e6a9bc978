using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>The chain policies ConnDiag validates with: one definition for the analyzer and the handshake.</summary>
internal static class ChainPolicies
{
    /// <summary>The configured trust, validation at <paramref name="now"/>, no certificate downloads, revocation only when asked.</summary>
    public static X509ChainPolicy Create(TlsChainOptions options, DateTimeOffset now, bool checkRevocation)
    {
        var policy = new X509ChainPolicy
        {
            VerificationTime = now.UtcDateTime,
            VerificationTimeIgnored = false,
            RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
            RevocationFlag = X509RevocationFlag.ExcludeRoot,
            UrlRetrievalTimeout = options.RevocationTimeout,
            // Fetching missing intermediates (AIA) would hide the incomplete chain that breaks most API clients,
            // and would make offline analysis touch the network.
            DisableCertificateDownloads = true,
        };
        options.Trust.Apply(policy);
        return policy;
    }

}
