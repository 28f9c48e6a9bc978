using System.Security.Cryptography.X509Certificates;
using ConnDiag.Core.Tests.Http.Support;

namespace ConnDiag.Core.Tests.Claude.Support;

/// <summary>
/// A per-test root and a leaf for api.anthropic.com, localhost and 127.0.0.1, so a run against the default base
/// URL can be pinned to the loopback fake with the name intact. The root goes to a PEM file (the test's
/// NODE_EXTRA_CA_CERTS), never into a store; nothing is ever resolved or sent to the real host.
/// </summary>
internal sealed class ClaudeCertificates : IDisposable
{
    private readonly TestCertificates _pki = new("api.anthropic.com", ["api.anthropic.com", "localhost"], leafDays: 50, rootName: "ConnDiag Claude Test Root");

    public X509Certificate2 Root => _pki.Root;
    public X509Certificate2 Leaf => _pki.Leaf;
    public string RootPemPath => _pki.RootPemPath;

    public void Dispose() => _pki.Dispose();
}
