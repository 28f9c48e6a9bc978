using System.ComponentModel;
using System.Globalization;
using System.Security.Authentication;
using System.Text;
using ConnDiag.Findings;

namespace ConnDiag.Tls;

/// <summary>Why a handshake failed: the finding code, the alert if one was sent, and what was observed.</summary>
/// <param name="Code">TLS.NOT_TLS, TLS.PROTOCOL_MISMATCH, TLS.HANDSHAKE_TIMEOUT or TLS.HANDSHAKE_FAILED.</param>
/// <param name="Alert">The TLS alert, e.g. <c>protocol_version (70)</c>, or null.</param>
/// <param name="Detail">What happened, in words, with the platform's error text.</param>
/// <param name="PeerText">For NOT_TLS: the first line the peer sent, as text (control characters shown as '.').</param>
internal sealed record TlsFailure(string Code, string? Alert, string Detail, string? PeerText = null)
{
    private const int MaxErrorText = 600;

    /// <summary>Classifies a failed handshake from the exception, the bytes the peer sent, and whether the timeout fired.</summary>
    public static TlsFailure Classify(Exception? error, bool timedOut, TimeSpan timeout, ReadOnlySpan<byte> first, long bytesRead, bool peerClosed)
    {
        var errorText = error is null ? "" : ErrorText(error);
        if (bytesRead > 0 && !LooksLikeTls(first))
        {
            return new TlsFailure(FindingCodes.TlsNotTls, null,
                $"the peer answered the ClientHello with {Guess(first)}: \"{Printable(first)}\" (first bytes 0x{Convert.ToHexString(first[..Math.Min(first.Length, 8)])}), not a TLS record",
                FirstLine(first));
        }
        if (timedOut)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new TlsFailure(FindingCodes.TlsHandshakeTimeout, null, bytesRead == 0
                ? $"the server accepted the TCP connection but sent nothing in answer to the ClientHello within {seconds} s"
                : $"the handshake started ({bytesRead.ToString(CultureInfo.InvariantCulture)} bytes received) but did not finish within {seconds} s");
        }

        var alertCode = TlsAlerts.FromRecord(first) ?? TlsAlerts.FromText(errorText);
        var alert = alertCode is { } a ? TlsAlerts.Describe(a) : null;
        if (alertCode == TlsAlerts.ProtocolVersion || MentionsVersionProblem(errorText))
        {
            return new TlsFailure(FindingCodes.TlsProtocolMismatch, alert,
                (alert is null ? "no TLS version in common" : $"the server sent the alert {alert}") + Suffix(errorText));
        }
        if (alert is not null)
        {
            var sentBy = TlsAlerts.FromRecord(first) is not null || errorText.Contains(" alert ", StringComparison.OrdinalIgnoreCase) ? "the server sent the alert" : "alert";
            return new TlsFailure(FindingCodes.TlsHandshakeFailed, alert, $"{sentBy} {alert}{Suffix(errorText)}");
        }
        if (bytesRead == 0 && peerClosed)
        {
            return new TlsFailure(FindingCodes.TlsHandshakeFailed, null, "the server closed the connection without answering the ClientHello" + Suffix(errorText));
        }
        return new TlsFailure(FindingCodes.TlsHandshakeFailed, null, errorText.Length > 0 ? errorText : "the handshake failed without an error text");
    }

    /// <summary>TLS records start with a content type 20-24 and major version 3.</summary>
    private static bool LooksLikeTls(ReadOnlySpan<byte> first) =>
        first.Length == 0 || (first[0] is >= 20 and <= 24 && (first.Length < 2 || first[1] == 3));

    private static bool MentionsVersionProblem(string text) =>
        text.Contains("unsupported protocol", StringComparison.OrdinalIgnoreCase)
        || text.Contains("no protocols available", StringComparison.OrdinalIgnoreCase)
        || text.Contains("wrong ssl version", StringComparison.OrdinalIgnoreCase)
        || text.Contains("version too low", StringComparison.OrdinalIgnoreCase)
        || text.Contains("unsupported_protocol", StringComparison.OrdinalIgnoreCase);

    private static string Guess(ReadOnlySpan<byte> first)
    {
        var text = Encoding.ASCII.GetString(first);
        if (text.StartsWith("HTTP/", StringComparison.Ordinal)) return "plain HTTP (an HTTP server listens on this port)";
        if (text.StartsWith("SSH-", StringComparison.Ordinal)) return "an SSH banner (an SSH server listens on this port)";
        if (text.StartsWith("220", StringComparison.Ordinal)) return "a '220' greeting (an SMTP or FTP server listens on this port)";
        if (text.StartsWith("<", StringComparison.Ordinal)) return "HTML without a status line (an HTTP server's error page)";
        if (text.StartsWith("-ERR", StringComparison.Ordinal) || text.StartsWith("+OK", StringComparison.Ordinal)) return "a Redis/POP3-style reply";
        return "bytes that are not TLS";
    }

    /// <summary>The bytes as text: runs of white space and line breaks as one space, other control bytes as '.'.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            }
            else
            {
                sb.Append(b is > 0x20 and < 0x7f ? (char)b : '.');
            }
        }
        return sb.ToString().Trim();
    }

    /// <summary>The first line the peer sent (an HTTP status line, a banner), for a summary.</summary>
    private static string FirstLine(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        return Printable(end < 0 ? bytes : bytes[..end]);
    }

    private static string Suffix(string errorText) => errorText.Length == 0 ? "" : $" ({errorText})";

    /// <summary>The distinct messages of the exception chain, without the generic wrappers.</summary>
    internal static string ErrorText(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            var m = e.Message.Trim();
            if (m.Length == 0 || m.Contains("see inner exception", StringComparison.OrdinalIgnoreCase)) continue;
            if (e is Win32Exception or AuthenticationException || !parts.Contains(m)) parts.Add(m);
        }
        var text = string.Join(": ", parts.Distinct());
        return text.Length > MaxErrorText ? text[..MaxErrorText] + "…" : text;
    }
}
