namespace ConnDiag.Tls;

/// <summary>
/// Offline mode: the same chain analysis over certificates read from a PEM or DER file, without any
/// network (revocation is not checked offline).
/// </summary>
public static class TlsChainFileCheck
{
    /// <summary>Analyses one chain file; throws <see cref="CertificateFileException"/> naming the file when it holds no certificate.</summary>
    /// <param name="path">A PEM (one or more CERTIFICATE blocks, any order) or DER file.</param>
    /// <param name="options">Trust, expiry threshold, clock offset. Revocation is never checked offline.</param>
    /// <param name="serverName">The name the leaf must be valid for; null skips the name check.</param>
    /// <param name="time">The clock to validate against (the system clock by default).</param>
    public static TlsChainReport Analyze(string path, TlsChainOptions options, string? serverName = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var offline = options with { CheckRevocation = false };
        var certificates = CertificateFile.ReadChain(path);
        try
        {
            var label = $"'{path}'";
            var analysis = ChainAnalyzer.Analyze(certificates, serverName, offline, (time ?? TimeProvider.System).GetUtcNow(), label, fromServer: false);
            return new TlsChainReport(
                path, 0, null, serverName, path,
                analysis.SentChain, analysis.BuiltChain, analysis.ChainStatus, analysis.IsTrusted, analysis.HostnameMatches,
                null, null, null, null, [], null, null, options.SkipCertificateCheck, options.Trust.Description,
                options.ClockOffset?.TotalMilliseconds, analysis.ClockIsCause, [], analysis.Findings);
        }
        finally
        {
            foreach (var c in certificates) c.Dispose();
        }
    }

    /// <summary>One report per chain file of <paramref name="path"/> (a file, or a directory's certificate files).</summary>
    public static IEnumerable<TlsChainReport> AnalyzeAll(string path, TlsChainOptions options, string? serverName = null, TimeProvider? time = null) =>
        CertificateFile.Expand(path).Select(f => Analyze(f, options, serverName, time));

}
