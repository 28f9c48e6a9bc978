namespace ConnDiag.Dns.Configuration;

/// <summary>
/// The effective resolver options after glibc's defaults and limits (ndots ≤ 15, timeout ≤ 30 s, attempts ≤ 5),
/// with every option word as written in <see cref="Entries"/>.
/// </summary>
/// <param name="Ndots">Names with at least this many dots are tried as they are before the search list (default 1).</param>
/// <param name="TimeoutSeconds">Seconds to wait for one server on the first round (default 5).</param>
/// <param name="Attempts">Rounds over the server list (default 2).</param>
/// <param name="Rotate">Spread queries over the servers instead of always starting with the first.</param>
/// <param name="Edns0">EDNS0 is sent (larger UDP answers).</param>
/// <param name="UseVc">Queries go over TCP (use-vc).</param>
/// <param name="SingleRequest">A and AAAA are sent one after the other (single-request): a workaround for middleboxes that drop one of two parallel queries.</param>
/// <param name="SingleRequestReopen">Like single-request, on a new socket for the second query.</param>
/// <param name="TrustAd">The AD bit of answers is trusted (trust-ad).</param>
/// <param name="NoAaaa">AAAA lookups are suppressed (glibc 2.36 and later): IPv6 addresses are never returned.</param>
/// <param name="NoTldQuery">A name without dots is never sent as it is (no-tld-query).</param>
/// <param name="Entries">Every option word, in order, with its source and line.</param>
public sealed record ResolverOptions(
    int Ndots,
    int TimeoutSeconds,
    int Attempts,
    bool Rotate,
    bool Edns0,
    bool UseVc,
    bool SingleRequest,
    bool SingleRequestReopen,
    bool TrustAd,
    bool NoAaaa,
    bool NoTldQuery,
    IReadOnlyList<ResolverOption> Entries)
{
    /// <summary>glibc's RES_MAXNDOTS.</summary>
    public const int MaxNdots = 15;

    /// <summary>glibc's RES_MAXRETRANS (seconds).</summary>
    public const int MaxTimeoutSeconds = 30;

    /// <summary>glibc's RES_MAXRETRY.</summary>
    public const int MaxAttempts = 5;

    /// <summary>What glibc uses without an options line: ndots 1, timeout 5 s, 2 attempts, every flag off.</summary>
    public static ResolverOptions Default { get; } = new(1, 5, 2, false, false, false, false, false, false, false, false, []);

    public override string ToString()
    {
        var words = new List<string> { $"ndots:{Ndots}", $"timeout:{TimeoutSeconds}", $"attempts:{Attempts}" };
        if (Rotate) words.Add("rotate");
        if (Edns0) words.Add("edns0");
        if (UseVc) words.Add("use-vc");
        if (SingleRequest) words.Add("single-request");
        if (SingleRequestReopen) words.Add("single-request-reopen");
        if (TrustAd) words.Add("trust-ad");
        if (NoAaaa) words.Add("no-aaaa");
        if (NoTldQuery) words.Add("no-tld-query");
        return string.Join(' ', words);
    }
}
