using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls.Support;

/// <summary>
/// A private root and an intermediate made for one test, and the root written as a CA bundle: the only way
/// the tests make a chain trusted (the machine's trust store is never touched).
/// </summary>
internal sealed class TestChain : IDisposable
{
    public TestChain(string rootName = "ConnDiag Test Root", string intermediateName = "ConnDiag Test Intermediate", string? organization = null)
    {
        Dir = new TempDir();
        Root = TestCertificate.Root(rootName, new CertSpec { Organization = organization });
        Intermediate = Root.Issue(intermediateName, new CertSpec { IsCa = true, Organization = organization });
        BundlePath = Dir.WritePem("root.pem", Root);
    }

    public TempDir Dir { get; }
    public TestCertificate Root { get; }
    public TestCertificate Intermediate { get; }
    public string BundlePath { get; }

    /// <summary>Trust only this chain's root (as curl --cacert does).</summary>
    public TlsChainOptions Trusting => new() { Trust = TlsTrust.FromBundle(BundlePath, CaBundleMode.Replace) };

    /// <summary>A leaf issued by the intermediate.</summary>
    public TestCertificate Leaf(string commonName = "localhost", CertSpec? spec = null) => Intermediate.IssueLeaf(commonName, spec);

    public void Dispose()
    {
        Intermediate.Dispose();
        Root.Dispose();
        Dir.Dispose();
    }
}
