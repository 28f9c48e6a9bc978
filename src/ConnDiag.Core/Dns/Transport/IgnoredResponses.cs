namespace ConnDiag.Dns.Transport;

/// <summary>
/// Counts the responses an attempt ignored (wrong id or question, malformed) and keeps the first reasons.
/// The count is exact; the list is capped so a flood of spoofed datagrams cannot grow memory.
/// </summary>
internal sealed class IgnoredResponses
{
    public const int MaxKeptReasons = 16;
    // Made on the first ignored response: almost every attempt has none.
    private List<string>? _reasons;

    public int Count { get; private set; }

    public IReadOnlyList<string> Reasons => _reasons ?? (IReadOnlyList<string>)[];

    public void Add(string why)
    {
        Count++;
        _reasons ??= [];
        if (_reasons.Count < MaxKeptReasons) _reasons.Add(why);
    }
}
