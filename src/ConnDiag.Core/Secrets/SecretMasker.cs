namespace ConnDiag.Secrets;

/// <summary>
/// Turns secrets into text that is safe to print: enough to recognise which key or credential was used,
/// never enough to use it. Everything ConnDiag shows about a credential goes through here.
/// </summary>
/// <remarks>
/// A partial class: this part holds the key mask; <c>SecretMasker.Urls.cs</c> holds the URL-credential mask and
/// scrubbing that proxy settings need. (The HTTP probe's branch writes its own version of this part; on merge
/// that one can replace this file and the URL part still compiles against it.)
/// </remarks>
public sealed partial class SecretMasker
{
    /// <summary>The ellipsis between a shown prefix and the last characters.</summary>
    public const string Ellipsis = "…";

    /// <summary>Shortest secret value that is scrubbed from free text; shorter ones would mask ordinary words.</summary>
    public const int MinScrubLength = 6;

    // Secrets shorter than this are hidden entirely: showing four characters of a short secret gives away too much.
    private const int MinLengthForHint = 16;
    private const int ShownTail = 4;
    private const int MaxShownPrefix = 7;

    // Prefixes that say what kind of key it is (not secret: every key of that kind starts with them). Longest first.
    private static readonly string[] KnownPrefixes = ["sk-ant-", "sk-proj-", "sk-or-", "github_pat_", "ghp_", "xoxb-", "xoxp-", "sk-"];

    /// <summary>
    /// Masks a secret as <c>sk-ant-…Ab12</c>: a known kind prefix (at most 7 characters), an ellipsis and the last
    /// 4 characters. A secret without a known prefix shows only <c>…Ab12</c>; one shorter than 16 characters, or
    /// null/empty, is <see cref="Hidden"/> entirely.
    /// </summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < MinLengthForHint) return Hidden;
        var prefix = "";
        foreach (var known in KnownPrefixes)
        {
            if (value.StartsWith(known, StringComparison.Ordinal))
            {
                prefix = known.Length <= MaxShownPrefix ? known : known[..MaxShownPrefix];
                break;
            }
        }
        return prefix + Ellipsis + value[^ShownTail..];
    }
}
