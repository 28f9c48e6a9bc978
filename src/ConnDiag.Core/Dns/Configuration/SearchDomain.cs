namespace ConnDiag.Dns.Configuration;

/// <summary>One suffix of the search list, and the line (<c>search</c> or <c>domain</c>) it came from.</summary>
/// <param name="Name">The domain as written (a leading dot is kept; <c>.</c> is the root).</param>
/// <param name="Source">The file, <c>environment LOCALDOMAIN</c>, <c>hostname</c> or <c>adapter NAME</c>.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>; null when the source has no lines.</param>
public sealed record SearchDomain(string Name, string Source, int? Line)
{
    public override string ToString() => Name;
}
