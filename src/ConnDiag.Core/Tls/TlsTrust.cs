using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>
/// Which roots a chain must lead to: the system store (the default), or a CA bundle added to it or used
/// instead of it. Loaded once per run; immutable.
/// </summary>
public sealed class TlsTrust
{
    private readonly X509Certificate2Collection? _bundle;
    private readonly HashSet<string> _bundleThumbprints;

    private TlsTrust(X509Certificate2Collection? bundle, CaBundleMode mode, string? bundlePath)
    {
        _bundle = bundle;
        Mode = mode;
        BundlePath = bundlePath;
        _bundleThumbprints = bundle is null ? [] : bundle.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The system trust store only.</summary>
    public static TlsTrust System { get; } = new(null, CaBundleMode.Add, null);

    /// <summary>Reads a PEM (or DER) CA bundle; throws <see cref="CertificateFileException"/> naming the file when it is unusable.</summary>
    public static TlsTrust FromBundle(string path, CaBundleMode mode) => new(new X509Certificate2Collection(CertificateFile.ReadAll(path).ToArray()), mode, path);

    /// <summary>A bundle given as certificates (<paramref name="name"/> describes it in evidence).</summary>
    public static TlsTrust FromCertificates(IEnumerable<X509Certificate2> roots, CaBundleMode mode, string name) =>
        new(new X509Certificate2Collection(roots.ToArray()), mode, name);

    /// <summary>Add or Replace; meaningless without a bundle.</summary>
    public CaBundleMode Mode { get; }

    /// <summary>The bundle file, or null for the system store alone.</summary>
    public string? BundlePath { get; }

    /// <summary>How many certificates the bundle holds.</summary>
    public int BundleCount => _bundle?.Count ?? 0;

    /// <summary>In words, for reports: "the system trust store plus ca.pem".</summary>
    public string Description => _bundle is null
        ? "the system trust store"
        : Mode == CaBundleMode.Replace ? $"only the CA bundle {BundlePath}" : $"the system trust store plus the CA bundle {BundlePath}";

    internal bool InBundle(X509Certificate2 certificate) => _bundleThumbprints.Contains(certificate.Thumbprint);

    internal void Apply(X509ChainPolicy policy)
    {
        if (_bundle is null)
        {
            policy.TrustMode = X509ChainTrustMode.System;
            return;
        }
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_bundle);
        // A custom trust store replaces the system one; adding means putting the system roots in too.
        if (Mode == CaBundleMode.Add) policy.CustomTrustStore.AddRange(SystemRoots.Certificates);
    }
}
