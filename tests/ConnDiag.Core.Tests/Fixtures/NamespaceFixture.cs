namespace ConnDiag.Core.Tests.Fixtures;

/// <summary>
/// A class fixture owning one <see cref="NetNamespace"/>, built on first use: a test class whose tests all
/// skip (no root outside CI) never runs a command. A failed setup is remembered and fails each test that
/// needs it with the same message. Disposed by xUnit after the class, whatever the tests did.
/// </summary>
public abstract class NamespaceFixture : IDisposable
{
    private readonly Lazy<NetNamespace> _ns;

    protected NamespaceFixture()
    {
        _ns = new Lazy<NetNamespace>(() =>
        {
            var ns = NetNamespace.Create();
            try
            {
                Configure(ns);
                return ns;
            }
            catch
            {
                ns.Dispose();
                throw;
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The namespace, created and configured on first access.</summary>
    public NetNamespace Ns => _ns.Value;

    /// <summary>Rules, addresses and listeners for the test class.</summary>
    protected abstract void Configure(NetNamespace ns);

    public void Dispose()
    {
        if (_ns.IsValueCreated) _ns.Value.Dispose();
        GC.SuppressFinalize(this);
    }
}
