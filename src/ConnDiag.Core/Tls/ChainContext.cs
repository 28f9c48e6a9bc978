using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>One element of a built chain: the certificate and what validation said about it.</summary>
internal sealed record ChainLink(X509Certificate2 Certificate, X509ChainStatusFlags Status, string StatusText, bool Sent);

/// <summary>Everything the finding rules look at, gathered once by <see cref="ChainAnalyzer"/>.</summary>
internal sealed record ChainContext(
    string Label,
    bool FromServer,
    IReadOnlyList<X509Certificate2> Sent,
    IReadOnlyList<ChainLink> Built,
    X509ChainStatusFlags Status,
    string? BuildError,
    string? ExpectedName,
    TlsChainOptions Options,
    DateTimeOffset Now)
{
    public X509Certificate2 Leaf => Sent[0];

    /// <summary>The time by the corrected clock, when an offset was measured.</summary>
    public DateTimeOffset? TrueNow => Options.ClockOffset is { } offset ? Now + offset : null;

    /// <summary>The last certificate validation reached.</summary>
    public X509Certificate2 Top => Built.Count > 0 ? Built[^1].Certificate : Leaf;

    public bool Has(X509ChainStatusFlags flag) => (Status & flag) != 0;

    /// <summary>The certificates the rules judge: the built chain, or what was sent when nothing was built.</summary>
    public IReadOnlyList<X509Certificate2> Chain => Built.Count > 0 ? Built.Select(l => l.Certificate).ToList() : Sent;

    /// <summary>"the server sent" or "the file holds": who is to blame for what the chain contains.</summary>
    public string SenderVerb => FromServer ? "the server sent" : "the file holds";

    /// <summary>"the leaf certificate 'api.example.com'", "the intermediate CA certificate 'R3'", "the root CA certificate 'X'".</summary>
    public string Describe(X509Certificate2 c)
    {
        var role = ReferenceEquals(c, Leaf) || c.Thumbprint == Leaf.Thumbprint ? "leaf certificate"
            : CertificateFacts.IsSelfIssued(c) ? "root CA certificate"
            : "intermediate CA certificate";
        return $"the {role} '{CertificateFacts.ShortName(c)}'";
    }

    public bool IsLeaf(X509Certificate2 c) => c.Thumbprint == Leaf.Thumbprint;

    /// <summary>leaf ← issuer ← root, for evidence.</summary>
    public string ChainText() => string.Join(" ← ", Chain.Select(c => $"'{CertificateFacts.ShortName(c)}'"));
}
