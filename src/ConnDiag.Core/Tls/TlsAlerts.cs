using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnDiag.Tls;

/// <summary>
/// TLS alert names (RFC 8446 §6 and the TLS 1.2 registry), read from the alert record a peer sent in clear
/// text or from the platform's error text (OpenSSL writes "tlsv1 alert protocol version").
/// </summary>
internal static partial class TlsAlerts
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0] = "close_notify", [10] = "unexpected_message", [20] = "bad_record_mac", [21] = "decryption_failed",
        [22] = "record_overflow", [30] = "decompression_failure", [40] = "handshake_failure", [41] = "no_certificate",
        [42] = "bad_certificate", [43] = "unsupported_certificate", [44] = "certificate_revoked", [45] = "certificate_expired",
        [46] = "certificate_unknown", [47] = "illegal_parameter", [48] = "unknown_ca", [49] = "access_denied",
        [50] = "decode_error", [51] = "decrypt_error", [60] = "export_restriction", [70] = "protocol_version",
        [71] = "insufficient_security", [80] = "internal_error", [86] = "inappropriate_fallback", [90] = "user_canceled",
        [100] = "no_renegotiation", [109] = "missing_extension", [110] = "unsupported_extension",
        [111] = "certificate_unobtainable", [112] = "unrecognized_name", [113] = "bad_certificate_status_response",
        [114] = "bad_certificate_hash_value", [115] = "unknown_psk_identity", [116] = "certificate_required",
        [120] = "no_application_protocol",
    };

    public const int ProtocolVersion = 70;

    /// <summary>"protocol_version (70)".</summary>
    public static string Describe(int code) =>
        Names.TryGetValue(code, out var name) ? $"{name} ({code.ToString(CultureInfo.InvariantCulture)})" : $"alert {code.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The alert in a plain-text alert record (content type 21), the first thing the peer sent.</summary>
    public static int? FromRecord(ReadOnlySpan<byte> first) =>
        first.Length >= 7 && first[0] == 21 && first[1] == 3 ? first[6] : null;

    /// <summary>The alert OpenSSL names in an error text ("sslv3 alert handshake failure", "tlsv1 unrecognized name").</summary>
    public static int? FromText(string text)
    {
        var m = AlertText().Match(text);
        if (!m.Success) return null;
        var name = m.Groups["name"].Value.Trim().Replace(' ', '_');
        foreach (var (code, known) in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) return code;
        }
        return name switch
        {
            "unknown_ca" => 48,
            "decompression_failure" => 30,
            _ => null,
        };
    }

    [GeneratedRegex(@"(?:sslv3|tlsv1|tlsv13|ssl/tls)\s+(?:alert\s+)?(?<name>[a-z ]+?)(?=$|[:\(\.,;]| \[)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlertText();
}
