namespace ConnDiag.Dns.Configuration;

/// <summary>
/// glibc's res_setoptions: words separated by spaces or tabs; ndots/timeout/attempts read with atoi and capped;
/// flags matched by prefix (so <c>rotate</c> also matches <c>rotatex</c>); unknown words ignored. Accumulates
/// over several options lines and RES_OPTIONS, later words overriding earlier ones.
/// </summary>
internal sealed class ResolverOptionsParser
{
    // Checked in this order, as glibc does: "single-request-reopen" before its prefix "single-request".
    private static readonly string[] Flags =
        ["rotate", "edns0", "single-request-reopen", "single-request", "no_tld_query", "no-tld-query", "no-reload", "use-vc", "trust-ad", "no-aaaa"];

    // Options older glibc knew and 2.26 removed; they are ignored now and worth saying so.
    private static readonly string[] Removed = ["inet6", "ip6-bytestring", "ip6-dotint", "no-ip6-dotint"];

    private readonly List<ResolverOption> _entries = [];
    private readonly List<ConfigurationNote> _warnings;
    private int _ndots = ResolverOptions.Default.Ndots;
    private int _timeout = ResolverOptions.Default.TimeoutSeconds;
    private int _attempts = ResolverOptions.Default.Attempts;
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public ResolverOptionsParser(List<ConfigurationNote> warnings) => _warnings = warnings;

    /// <summary>Applies the words of one options line (or RES_OPTIONS).</summary>
    public void Apply(string words, string source, int? line)
    {
        foreach (var word in ConfigText.Words(words))
        {
            if (word.StartsWith("ndots:", StringComparison.Ordinal))
            {
                _ndots = Number(word, "ndots", ResolverOptions.MaxNdots, source, line);
            }
            else if (word.StartsWith("timeout:", StringComparison.Ordinal))
            {
                _timeout = Number(word, "timeout", ResolverOptions.MaxTimeoutSeconds, source, line);
                if (_timeout == 0) Warn($"'{ConfigText.Show(word)}': glibc still waits 1 s per try", source, line);
            }
            else if (word.StartsWith("attempts:", StringComparison.Ordinal))
            {
                _attempts = Number(word, "attempts", ResolverOptions.MaxAttempts, source, line);
                if (_attempts == 0) Warn($"'{ConfigText.Show(word)}': glibc sends no query at all, so every DNS lookup fails", source, line);
            }
            else if (Flags.FirstOrDefault(f => word.StartsWith(f, StringComparison.Ordinal)) is { } flag)
            {
                _flags.Add(flag == "no_tld_query" ? "no-tld-query" : flag);
                _entries.Add(new ResolverOption(word, null, true, source, line));
            }
            else
            {
                var name = word.Split(':', 2)[0];
                var value = word.Contains(':', StringComparison.Ordinal) ? word[(name.Length + 1)..] : null;
                _entries.Add(new ResolverOption(name, value, false, source, line));
                var why = Removed.Contains(name.TrimEnd('\r'), StringComparer.Ordinal)
                    ? "glibc removed this option in 2.26 and ignores it"
                    : "glibc does not know this option and ignores it";
                Warn($"option '{ConfigText.Show(word)}': {why}", source, line);
            }
        }
    }

    private int Number(string word, string name, int max, string source, int? line)
    {
        var text = word[(name.Length + 1)..];
        var value = ConfigText.Atoi(text, out var clean);
        _entries.Add(new ResolverOption(name, text, true, source, line));
        if (!clean) Warn($"'{ConfigText.Show(word)}' is not a plain number; glibc reads it as {name}:{Math.Max(value, 0)}", source, line);
        if (value > max)
        {
            Warn($"'{ConfigText.Show(word)}' is above glibc's limit; {max} is used", source, line);
            return max;
        }
        if (value < 0)
        {
            Warn($"'{ConfigText.Show(word)}' is negative; treated as 0", source, line);
            return 0;
        }
        return value;
    }

    private void Warn(string message, string source, int? line) => _warnings.Add(new ConfigurationNote(message, source, line));

    public ResolverOptions Build() => new(
        _ndots, _timeout, _attempts,
        Rotate: _flags.Contains("rotate"),
        Edns0: _flags.Contains("edns0"),
        UseVc: _flags.Contains("use-vc"),
        SingleRequest: _flags.Contains("single-request"),
        SingleRequestReopen: _flags.Contains("single-request-reopen"),
        TrustAd: _flags.Contains("trust-ad"),
        NoAaaa: _flags.Contains("no-aaaa"),
        NoTldQuery: _flags.Contains("no-tld-query"),
        Entries: [.. _entries]);
}
