using System.Security.Cryptography.X509Certificates;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>
/// Where a chain's trust fails, told apart as openssl's verify codes do (18 self-signed, 19/20 untrusted or
/// unknown root, 21 leaf only, 23 revoked), and whether the chain comes from a TLS-inspecting product.
/// </summary>
internal static class ChainTrustRules
{
    private const X509ChainStatusFlags Handled =
        X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.NotTimeValid
        | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.Revoked | X509ChainStatusFlags.RevocationStatusUnknown
        | X509ChainStatusFlags.OfflineRevocation | X509ChainStatusFlags.HasWeakSignature;

    public static IEnumerable<Finding> Evaluate(ChainContext ctx, out bool trustedAnchor)
    {
        var findings = new List<Finding>();
        if (ctx.BuildError is not null)
        {
            trustedAnchor = false;
            findings.Add(FindingCatalog.Create(FindingCodes.TlsChainInvalid,
                $"{ctx.Label}: the chain could not be validated at all.",
                $"Chain building failed: {ctx.BuildError}"));
            return findings;
        }

        trustedAnchor = ctx.Built.Count > 0 && !ctx.Has(X509ChainStatusFlags.PartialChain) && !ctx.Has(X509ChainStatusFlags.UntrustedRoot);
        var trust = ctx.Options.Trust.Description;

        foreach (var link in ctx.Built.Where(l => (l.Status & X509ChainStatusFlags.Revoked) != 0))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.TlsRevoked,
                $"{ctx.Label}: {ctx.Describe(link.Certificate)} has been revoked by its issuer.",
                $"Serial {link.Certificate.SerialNumber}, issued by '{link.Certificate.Issuer}': {Text(link)}."));
        }

        if (!trustedAnchor)
        {
            var leaf = ctx.Leaf;
            var sentCount = ctx.Sent.Count;
            var sent = $"{ctx.SenderVerb} {Count(sentCount)}: {string.Join(", ", ctx.Sent.Select(c => $"'{c.Subject}'"))}.";
            if (CertificateFacts.IsSelfIssued(leaf) && ctx.Built.Count <= 1)
            {
                findings.Add(FindingCatalog.Create(FindingCodes.TlsSelfSigned,
                    $"{ctx.Label}: the certificate '{CertificateFacts.ShortName(leaf)}' is self-signed and not trusted by {trust}.",
                    $"Subject and issuer are both '{leaf.Subject}'; {sent}"));
            }
            else if (ctx.Has(X509ChainStatusFlags.PartialChain) && ctx.Built.Count <= 1)
            {
                var summary = sentCount == 1
                    ? $"{ctx.Label}: {ctx.SenderVerb} only the leaf certificate, and its issuer '{CertificateFacts.ShortIssuer(leaf)}' is not in {trust}."
                    : $"{ctx.Label}: {ctx.SenderVerb} {Count(sentCount)} but not the leaf's issuer '{CertificateFacts.ShortIssuer(leaf)}', which is not in {trust} either.";
                findings.Add(FindingCatalog.Create(FindingCodes.TlsChainIncomplete, summary,
                    $"The leaf '{leaf.Subject}' was issued by '{leaf.Issuer}'; {sent} Validation stopped at the leaf: {Text(ctx.Built.FirstOrDefault())}. openssl reports this as verify error 20/21 (unable to get local issuer certificate)."));
            }
            else if (ctx.Has(X509ChainStatusFlags.PartialChain))
            {
                var top = ctx.Top;
                findings.Add(FindingCatalog.Create(FindingCodes.TlsUntrustedRoot,
                    $"{ctx.Label}: the chain ends at '{CertificateFacts.ShortName(top)}', whose issuer '{CertificateFacts.ShortIssuer(top)}' is not in {trust}.",
                    $"Built {ctx.ChainText()} and found no certificate for '{top.Issuer}'; {sent} The root that issued the top of the chain is missing from the trust store (a private or retired root), or an intermediate is missing."));
            }
            else if (ctx.Has(X509ChainStatusFlags.UntrustedRoot))
            {
                var root = ctx.Top;
                var rootSent = ctx.Built[^1].Sent ? " (the server sent the root itself, which does not make it trusted)" : "";
                findings.Add(FindingCatalog.Create(FindingCodes.TlsUntrustedRoot,
                    $"{ctx.Label}: the chain leads to the root '{CertificateFacts.ShortName(root)}', which is not trusted by {trust}.",
                    $"Built {ctx.ChainText()}; root '{root.Subject}' (SHA-1 {root.Thumbprint}){rootSent}; {sent}"));
            }
        }

        var other = ctx.Status & ~Handled;
        if (other != X509ChainStatusFlags.NoError)
        {
            var culprits = ctx.Built.Where(l => (l.Status & ~Handled) != 0).Select(l => $"{ctx.Describe(l.Certificate)}: {l.Status & ~Handled} ({Text(l)})");
            findings.Add(FindingCatalog.Create(FindingCodes.TlsChainInvalid,
                $"{ctx.Label}: the chain fails validation: {other}.",
                string.Join("; ", culprits) + "."));
        }

        if (ctx.Options.CheckRevocation && trustedAnchor && !ctx.Has(X509ChainStatusFlags.Revoked)
            && (ctx.Has(X509ChainStatusFlags.RevocationStatusUnknown) || ctx.Has(X509ChainStatusFlags.OfflineRevocation)))
        {
            var unknown = ctx.Built.Where(l => (l.Status & (X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation)) != 0).ToList();
            findings.Add(FindingCatalog.Create(FindingCodes.TlsRevocationUnknown,
                $"{ctx.Label}: the revocation status of {string.Join(" and ", unknown.Select(l => ctx.Describe(l.Certificate)))} could not be checked.",
                string.Join("; ", unknown.Select(l => $"'{l.Certificate.Subject}': {Text(l)}")) + "."));
        }
        return findings;
    }

    /// <summary>TLS.INTERCEPTED: a known inspection product in the chain, or a private root signing a public name.</summary>
    public static IEnumerable<Finding> Interception(ChainContext ctx, bool trustedAnchor)
    {
        if (ctx.BuildError is not null) yield break;
        var certificates = ctx.Chain.Concat(ctx.Sent).DistinctBy(c => c.Thumbprint).ToList();
        foreach (var c in certificates)
        {
            var (product, where) = InterceptionProducts.Match(c.Issuer) is { } p ? (p, $"the issuer of {ctx.Describe(c)}, '{c.Issuer}',")
                : !ctx.IsLeaf(c) && InterceptionProducts.Match(c.Subject) is { } q ? (q, $"{ctx.Describe(c)}, '{c.Subject}',")
                : ((string?)null, "");
            if (product is null) continue;

            var root = ctx.Top;
            var rootName = CertificateFacts.ShortName(root);
            var trustText = trustedAnchor
                ? $"The chain leads to '{rootName}', which {ctx.Options.Trust.Description} trusts, so clients using this trust store connect."
                : $"The chain leads to '{rootName}', which {ctx.Options.Trust.Description} does not trust.";
            var remedy = trustedAnchor
                ? $"Traffic to this host is decrypted and re-signed by {product}. Clients that use their own CA bundle instead of the system store (Node.js and Claude Code, Python requests, curl --cacert) fail unless given the inspection root: export '{rootName}' as PEM and point NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE / --cacert at it, or ask for the host to be exempted from inspection."
                : $"Traffic to this host is decrypted and re-signed by {product}, and this machine does not trust its root. Get the organisation's inspection root ('{CertificateFacts.ShortIssuer(root)}') from IT and install it in the system store or pass it with -CaBundle / --ca-bundle (Node.js and Claude Code also need NODE_EXTRA_CA_CERTS=that file), or ask for the host to be exempted from inspection.";
            var finding = FindingCatalog.Create(FindingCodes.TlsIntercepted,
                $"{ctx.Label}: the connection is intercepted by {product}: the certificate was issued by '{CertificateFacts.ShortIssuer(ctx.Leaf)}', not by the site's own CA.",
                $"{char.ToUpperInvariant(where[0])}{where[1..]} matches {product}, a TLS-inspecting product (documented list in docs/Test-TlsChain.md). Chain: {ctx.ChainText()}. {trustText}",
                remedy);
            yield return trustedAnchor ? finding with { Severity = Severity.Warning } : finding;
            yield break;
        }

        // No product name: a private root issuing a certificate for a public name is how inspection proxies
        // look too. It is a suspicion (private PKIs do this legitimately), so a warning with the evidence.
        var name = ctx.ExpectedName ?? CertificateFacts.SubjectAlternativeNames(ctx.Leaf).Dns.FirstOrDefault();
        if (!PublicNames.IsPublic(name) || ctx.Built.Count < 2 || ctx.Has(X509ChainStatusFlags.PartialChain)) yield break;
        var top = ctx.Top;
        if (!CertificateFacts.IsSelfIssued(top) || SystemRoots.Contains(top)) yield break;
        yield return FindingCatalog.Create(FindingCodes.TlsIntercepted,
            $"{ctx.Label}: a private root, '{CertificateFacts.ShortName(top)}', issued the certificate for the public name '{name}'; a TLS-inspecting proxy may be re-signing this connection.",
            $"'{top.Subject}' is not one of this system's public roots, and public sites get their certificates from public CAs; an inspection proxy re-signs them with its own root. Chain: {ctx.ChainText()}. The root is {(trustedAnchor ? "trusted" : "not trusted")} by {ctx.Options.Trust.Description}. If this is your organisation's own PKI for this name, this is expected.")
            with { Severity = Severity.Warning };
    }

    private static string Text(ChainLink? link) =>
        link is null ? "no status" : link.StatusText.Length > 0 ? link.StatusText : link.Status.ToString();

    private static string Count(int n) => n == 1 ? "1 certificate" : $"{n} certificates";
}
