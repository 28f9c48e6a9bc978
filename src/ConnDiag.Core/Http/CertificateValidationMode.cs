namespace ConnDiag.Http;

/// <summary>How the server certificate of an https exchange was checked.</summary>
public enum CertificateValidationMode
{
    /// <summary>Against the system trust store, with the host name.</summary>
    System,

    /// <summary>Against the system store and the roots of the given CA bundle (PEM), with the host name.</summary>
    CaBundle,

    /// <summary>Not checked (SkipCertificateCheck): any certificate was accepted.</summary>
    Skipped,
}
