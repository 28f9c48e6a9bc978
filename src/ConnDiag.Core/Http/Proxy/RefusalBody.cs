using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// The body of a refused CONNECT (a proxy's error page often names the policy or the cause), read with a byte
/// cap and a time limit and turned into one line of text with secrets scrubbed.
/// </summary>
internal static partial class RefusalBody
{
    /// <summary>Longest snippet kept in a result.</summary>
    public const int MaxSnippetChars = 300;

    /// <summary>Reads what follows the head: the leftover first, then up to the cap, the Content-Length, EOF or the time limit.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, ReadOnlyMemory<byte> leftover, long? contentLength, int maxBytes, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(maxBytes, contentLength ?? long.MaxValue);
        if (limit <= 0) return [];
        var buffer = new byte[limit];
        var filled = Math.Min(leftover.Length, limit);
        leftover.Span[..filled].CopyTo(buffer);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeLimit);
        try
        {
            while (filled < limit)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(filled), cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The body is a bonus: a proxy that keeps the connection open or resets it still gave us its status.
        }
        return buffer.AsSpan(0, filled).ToArray();
    }

    /// <summary>The body as one line: tags and scripts removed, entities decoded, whitespace collapsed, capped; null when empty.</summary>
    public static string? ToSnippet(ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        if (body.IsEmpty) return null;
        var text = Encoding.UTF8.GetString(body);
        if (text.Contains('<'))
        {
            text = ScriptOrStyle().Replace(text, " ");
            text = Tag().Replace(text, " ");
            text = WebUtility.HtmlDecode(text);
        }
        text = Whitespace().Replace(text, " ").Trim();
        text = SecretMasker.Scrub(text, secrets);
        text = UrlWithCredentials().Replace(text, m => SecretMasker.MaskUrlCredentials(m.Value));
        if (text.Length == 0) return null;
        return text.Length <= MaxSnippetChars ? text : text[..MaxSnippetChars] + SecretMasker.Ellipsis;
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/@]+@[^\s]*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlWithCredentials();
}
