using System.Text.RegularExpressions;
using ConnDiag.Secrets;

namespace ConnDiag.Logs;

/// <summary>
/// Masks secrets in a log line before it leaves the engine: token shapes and Bearer credentials (SecretMasker.MaskText)
/// and secret query parameters in the URLs access logs and client errors print (<c>?api_key=...</c>).
/// </summary>
internal static partial class LogRedaction
{
    public static string Mask(string line)
    {
        var masker = SecretMasker.Default;
        string withUrls;
        try
        {
            withUrls = UrlWithQuery().Replace(line, m => masker.MaskPathAndQuery(m.Value));
        }
        catch (RegexMatchTimeoutException)
        {
            withUrls = line;
        }
        return masker.MaskText(withUrls);
    }

    // A path or URL with a query string, up to whitespace or a quote.
    [GeneratedRegex(@"(?:https?://[^\s""'/]+)?/[^\s""'?]*\?[^\s""']+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex UrlWithQuery();
}
