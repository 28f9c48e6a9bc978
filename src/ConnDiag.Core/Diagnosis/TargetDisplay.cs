using ConnDiag.Secrets;

namespace ConnDiag.Diagnosis;

/// <summary>
/// A target as messages may quote it: the password in the user info and secret-looking query values
/// (<c>?api_key=</c>) masked, also when the text is not a valid URL (a bad port, another scheme).
/// </summary>
internal static class TargetDisplay
{
    // Uri escapes '?' into the path for schemes it knows have no query (ftp): those are masked as text.
    public static string Of(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? SecretMasker.Default.MaskUri(uri)
            : OfText(uri.OriginalString);

    public static string Of(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? Of(uri) : OfText(text);

    private static string OfText(string text) => SecretMasker.Default.MaskPathAndQuery(SecretMasker.MaskUrlCredentials(text));
}
