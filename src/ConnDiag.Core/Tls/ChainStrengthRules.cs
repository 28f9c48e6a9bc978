using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>Signatures and keys that current clients reject (openssl verify codes 66-68 at security level 2).</summary>
internal static class ChainStrengthRules
{
    public static IEnumerable<Finding> Evaluate(ChainContext ctx)
    {
        foreach (var c in ctx.Chain)
        {
            // A self-signed certificate's own signature proves nothing and is not checked by clients.
            if (!CertificateFacts.IsSelfIssued(c) && CertificateFacts.WeakSignature(c) is { } weak)
            {
                yield return FindingCatalog.Create(FindingCodes.TlsWeakSignature,
                    $"{ctx.Label}: {ctx.Describe(c)} is signed with {weak}, which current clients reject.",
                    $"'{c.Subject}' has signature algorithm {CertificateFacts.SignatureAlgorithmName(c)} (OID {c.SignatureAlgorithm.Value}), issued by '{c.Issuer}'.");
            }
            var algorithm = CertificateFacts.KeyAlgorithm(c);
            var size = CertificateFacts.KeySize(c);
            if (CertificateFacts.MinimumKeySize(algorithm) is { } min && size > 0 && size < min)
            {
                yield return FindingCatalog.Create(FindingCodes.TlsWeakKey,
                    $"{ctx.Label}: {ctx.Describe(c)} has a {size.ToString(CultureInfo.InvariantCulture)}-bit {algorithm} key; clients require at least {min.ToString(CultureInfo.InvariantCulture)} bits.",
                    $"'{c.Subject}': {algorithm} {size.ToString(CultureInfo.InvariantCulture)} bits (minimum: RSA and DSA 2048, EC 256).");
            }
        }
    }
}
