using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>
/// Judges a certificate chain as a client would, and says why it fails: expired or not yet valid (with the
/// clock as the cause when a measured offset explains it), wrong name, missing intermediate vs untrusted
/// root vs self-signed, interception, revocation, weak signatures and keys. The same analysis serves chains
/// captured in a handshake and chains read from files; it depends only on the certificates, the options
/// and the time given (and on the trust store the options name).
/// </summary>
public static class ChainAnalyzer
{
    /// <summary>Analyses <paramref name="certificates"/> (leaf first, as sent).</summary>
    /// <param name="certificates">The chain as received: the leaf, then whatever else the server sent or the file holds.</param>
    /// <param name="expectedName">The host name or IP address the leaf must be valid for; null skips the name check.</param>
    /// <param name="options">Trust, revocation, expiry threshold, clock offset.</param>
    /// <param name="now">The time to validate at (this machine's clock; the offset in the options corrects it).</param>
    /// <param name="label">Names the subject in summaries, e.g. <c>api.example.com:443</c> or <c>'chain.pem'</c>.</param>
    /// <param name="fromServer">True for a chain a server sent, false for one read from a file (changes only the wording).</param>
    public static ChainAnalysis Analyze(
        IReadOnlyList<X509Certificate2> certificates, string? expectedName, TlsChainOptions options, DateTimeOffset now,
        string label, bool fromServer = true)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(options);
        if (certificates.Count == 0) return ChainAnalysis.None;

        using var chain = new X509Chain { ChainPolicy = ChainPolicies.Create(options, now, options.CheckRevocation) };
        chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());

        string? buildError = null;
        try
        {
            chain.Build(certificates[0]);
        }
        catch (CryptographicException ex)
        {
            buildError = ex.Message;
        }

        var sentThumbprints = certificates.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var links = new List<ChainLink>();
        var status = X509ChainStatusFlags.NoError;
        if (buildError is null)
        {
            foreach (var element in chain.ChainElements)
            {
                var flags = element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status);
                var text = string.Join("; ", element.ChainElementStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
                links.Add(new ChainLink(element.Certificate, flags, text, sentThumbprints.Contains(element.Certificate.Thumbprint)));
            }
            status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (a, s) => a | s.Status);
        }

        var ctx = new ChainContext(label, fromServer, certificates, links, status, buildError, expectedName, options, now);
        HostnameMatch? name = expectedName is null ? null : HostnameMatcher.Match(ctx.Leaf, expectedName);
        var time = ChainTimeRules.Evaluate(ctx);
        var trust = ChainTrustRules.Evaluate(ctx, out var trustedAnchor).ToList();
        // An interception that breaks trust is the cause of the trust failure, so it goes first (the primary
        // error); one that is trusted here is context and goes with the warnings.
        var interception = ChainTrustRules.Interception(ctx, trustedAnchor).ToList();
        var findings = new List<Finding>();
        findings.AddRange(interception.Where(f => f.Severity == Severity.Error));
        findings.AddRange(trust);
        findings.AddRange(time.Findings);
        if (name is { Matches: false }) findings.Add(NameMismatch(ctx, name));
        findings.AddRange(ChainStrengthRules.Evaluate(ctx));
        findings.AddRange(interception.Where(f => f.Severity != Severity.Error));
        findings.AddRange(ChainTimeRules.ExpiresSoon(ctx));

        if (options.SkipCertificateCheck)
        {
            // The client would not have looked: every problem stays visible, none fails the check.
            findings = findings.Select(f => f.Severity == Severity.Error
                ? f with { Severity = Severity.Warning, Evidence = f.Evidence + " Certificate validation was off (-SkipCertificateCheck), so a client with these settings connects anyway." }
                : f).ToList();
        }

        var ignorable = X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation;
        var trusted = buildError is null && links.Count > 0 && (status & ~ignorable) == X509ChainStatusFlags.NoError;
        var effectiveNow = ctx.TrueNow ?? now;
        // The built chain mostly holds the sent certificates again: describe each certificate once.
        var sentInfo = certificates.Select(c => CertificateInfo.From(c, sent: true, effectiveNow)).ToList();
        var byThumbprint = sentInfo.DistinctBy(i => i.Thumbprint).ToDictionary(i => i.Thumbprint, StringComparer.OrdinalIgnoreCase);
        return new ChainAnalysis(
            sentInfo,
            links.Select(l => byThumbprint.TryGetValue(l.Certificate.Thumbprint, out var known) ? known : CertificateInfo.From(l.Certificate, l.Sent, effectiveNow)).ToList(),
            StatusNames(status, buildError),
            trusted,
            name?.Matches,
            time.ClockIsCause,
            findings);
    }

    private static Finding NameMismatch(ChainContext ctx, HostnameMatch name)
    {
        var shown = name.Presented.Count == 0 ? "no names at all"
            : string.Join(", ", name.Presented.Take(8)) + (name.Presented.Count > 8 ? $" and {name.Presented.Count - 8} more" : "");
        var cnNote = name.Presented.Count > 0 && name.Presented.All(p => p.StartsWith("CN:", StringComparison.Ordinal))
            ? " The certificate has no subjectAltName, so only its CN was compared (current browsers and Go clients reject CN-only certificates anyway)."
            : " The subject CN is ignored because the certificate has subjectAltName entries (RFC 6125).";
        return Findings.FindingCatalog.Create(Findings.FindingCodes.TlsNameMismatch,
            $"{ctx.Label}: the certificate is not valid for '{ctx.ExpectedName}'; it names {shown}.",
            $"Leaf subject '{ctx.Leaf.Subject}'; names for matching: {(name.Presented.Count == 0 ? "none" : string.Join(", ", name.Presented))}.{cnNote}");
    }

    private static IReadOnlyList<string> StatusNames(X509ChainStatusFlags status, string? buildError)
    {
        if (buildError is not null) return ["BuildFailed"];
        return Enum.GetValues<X509ChainStatusFlags>()
            .Where(f => f != X509ChainStatusFlags.NoError && (status & f) == f)
            .Select(f => f.ToString())
            .Distinct()
            .ToList();
    }
}
