namespace ConnDiag.Dns.Configuration;

/// <summary>
/// The names glibc's resolver (res_search) sends to DNS for one name, in order:
/// <list type="bullet">
/// <item>a trailing dot makes the name absolute: it is tried as it is, and nothing else;</item>
/// <item>a name with at least ndots dots is tried as it is first, then with each search domain;</item>
/// <item>otherwise each search domain comes first, and the name as it is last (unless no-tld-query is set
/// and the name has no dot, or the root "." is on the search list, which already tried it).</item>
/// </list>
/// glibc stops at the first candidate that has an answer; it moves on after NXDOMAIN or NODATA (and SERVFAIL
/// within the search list). The list is every candidate it could try.
/// </summary>
public static class SearchList
{
    /// <summary>The candidates for <paramref name="name"/> under a configuration's search list and options.</summary>
    public static IReadOnlyList<SearchCandidate> Candidates(string name, ResolverConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Candidates(name, config.SearchList.Select(d => d.Name).ToList(), config.Options);
    }

    /// <summary>The candidates for <paramref name="name"/> under <paramref name="searchDomains"/> and <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or holds white space or control characters.</exception>
    public static IReadOnlyList<SearchCandidate> Candidates(string name, IReadOnlyList<string> searchDomains, ResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(searchDomains);
        ArgumentNullException.ThrowIfNull(options);
        if (ValidateName(name) is { } problem) throw new ArgumentException(problem, nameof(name));

        var dots = name.Count(c => c == '.');
        var trailingDot = name.EndsWith('.');
        var asIs = trailingDot ? (name.Length == 1 ? "." : name[..^1]) : name;
        if (trailingDot) return [new SearchCandidate(asIs, null)];

        var result = new List<SearchCandidate>();
        var triedAsIs = false;
        if (dots >= options.Ndots)
        {
            result.Add(new SearchCandidate(asIs, null));
            triedAsIs = true;
        }

        // RES_DEFNAMES and RES_DNSRCH are always on: a dotless and a dotted name both walk the whole list.
        var searched = false;
        var rootOnList = false;
        foreach (var configured in searchDomains)
        {
            searched = true;
            // glibc drops one leading dot, so ".example" and "example" behave alike and "." means the root.
            var domain = configured.StartsWith('.') ? configured[1..] : configured;
            if (domain.Length == 0)
            {
                rootOnList = true;
                result.Add(new SearchCandidate(asIs, configured));
            }
            else
            {
                result.Add(new SearchCandidate(asIs + "." + domain, configured));
            }
        }

        if ((dots > 0 || !searched || !options.NoTldQuery) && !(triedAsIs || rootOnList))
        {
            result.Add(new SearchCandidate(asIs, null));
        }
        return result;
    }

    /// <summary>Why <paramref name="name"/> cannot be looked up, or null when it can.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "the name is empty";
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return $"'{ConfigText.Show(name)}' contains white space or control characters";
        if (name.Length > 1 && name.Contains("..", StringComparison.Ordinal)) return $"'{name}' has an empty label ('..')";
        if (name.Length > 1 && name.StartsWith('.')) return $"'{name}' starts with a dot";
        if (name.TrimEnd('.').Length > 253) return $"the name is {name.Length} characters long; DNS names have at most 253";
        return null;
    }
}
