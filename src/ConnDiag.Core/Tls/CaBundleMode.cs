namespace ConnDiag.Tls;

/// <summary>How a CA bundle combines with the system trust store.</summary>
public enum CaBundleMode
{
    /// <summary>The bundle's roots are trusted as well as the system's (as NODE_EXTRA_CA_CERTS does).</summary>
    Add,
    /// <summary>Only the bundle's roots are trusted (as curl --cacert and REQUESTS_CA_BUNDLE do).</summary>
    Replace,
}
