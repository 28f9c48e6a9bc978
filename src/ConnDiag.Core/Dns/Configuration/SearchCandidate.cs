namespace ConnDiag.Dns.Configuration;

/// <summary>One name the C library sends to DNS while resolving a name through the search list.</summary>
/// <param name="Name">The name queried, without a trailing dot (<c>.</c> for the root).</param>
/// <param name="SearchDomain">The search-list suffix that was appended, as configured; null when the name is tried as it is.</param>
public sealed record SearchCandidate(string Name, string? SearchDomain)
{
    public override string ToString() => Name;
}
