using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>
/// The machine's trusted roots, read once per process: needed to add a CA bundle to them (a custom trust
/// store replaces the system one, so the system roots must be put in with the bundle) and to tell a public
/// root from a private one.
/// </summary>
internal static class SystemRoots
{
    private static readonly Lazy<X509Certificate2Collection> Roots = new(Load);
    private static readonly Lazy<HashSet<string>> Thumbprints = new(() => Roots.Value.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static X509Certificate2Collection Certificates => Roots.Value;

    public static bool Contains(X509Certificate2 certificate) => Thumbprints.Value.Contains(certificate.Thumbprint);

    private static X509Certificate2Collection Load()
    {
        var all = new X509Certificate2Collection();
        foreach (var location in new[] { StoreLocation.LocalMachine, StoreLocation.CurrentUser })
        {
            try
            {
                using var store = new X509Store(StoreName.Root, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                all.AddRange(store.Certificates);
            }
            catch (CryptographicException)
            {
                // A store that does not exist for this user or platform adds nothing.
            }
        }
        return all;
    }
}
