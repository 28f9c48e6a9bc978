using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Presentation text of names, types, classes and codes, as dig writes them. Names are absolute with a
/// trailing dot; bytes that are not printable ASCII, and the characters that mean something in zone files,
/// are escaped (<c>\.</c>, <c>\\</c>, <c>\DDD</c>), so any label survives a round trip through text.
/// </summary>
public static class DnsNames
{
    /// <summary>Longest name on the wire, length bytes and the root's zero included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>Longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    public static string TypeText(DnsRecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    public static string ClassText(DnsClass c) =>
        Enum.IsDefined(c) ? c.ToString() : "CLASS" + ((ushort)c).ToString(CultureInfo.InvariantCulture);

    /// <summary>NOERROR, NXDOMAIN, SERVFAIL, ... (dig's spelling); RCODEnnn for unassigned codes.</summary>
    public static string ResponseCodeText(DnsResponseCode code) =>
        Enum.IsDefined(code) ? code.ToString().ToUpperInvariant() : "RCODE" + ((ushort)code).ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses NAME (A, aaaa, TYPE65) as a record type.</summary>
    public static bool TryParseType(string? text, out DnsRecordType type)
    {
        type = default;
        var t = text?.Trim() ?? "";
        if (t.Length == 0) return false;
        if (t.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(t.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            type = (DnsRecordType)n;
            return true;
        }
        if (t.All(char.IsAsciiLetterOrDigit) && !char.IsAsciiDigit(t[0]) && Enum.TryParse(t, ignoreCase: true, out DnsRecordType named) && Enum.IsDefined(named))
        {
            type = named;
            return true;
        }
        return false;
    }

    /// <summary>The registered meaning of an Extended DNS Error INFO-CODE (RFC 8914 §4 and the IANA registry).</summary>
    public static string ExtendedErrorMeaning(ushort infoCode) => infoCode switch
    {
        0 => "Other Error",
        1 => "Unsupported DNSKEY Algorithm",
        2 => "Unsupported DS Digest Type",
        3 => "Stale Answer",
        4 => "Forged Answer",
        5 => "DNSSEC Indeterminate",
        6 => "DNSSEC Bogus",
        7 => "Signature Expired",
        8 => "Signature Not Yet Valid",
        9 => "DNSKEY Missing",
        10 => "RRSIGs Missing",
        11 => "No Zone Key Bit Set",
        12 => "NSEC Missing",
        13 => "Cached Error",
        14 => "Not Ready",
        15 => "Blocked",
        16 => "Censored",
        17 => "Filtered",
        18 => "Prohibited",
        19 => "Stale NXDOMAIN Answer",
        20 => "Not Authoritative",
        21 => "Not Supported",
        22 => "No Reachable Authority",
        23 => "Network Error",
        24 => "Invalid Data",
        25 => "Signature Expired before Valid",
        26 => "Too Early",
        27 => "Unsupported NSEC3 Iterations Value",
        28 => "Unable to conform to policy",
        29 => "Synthesized",
        _ => "Unassigned",
    };

    /// <summary>True for names that are the same under DNS's ASCII-only case folding (RFC 4343).</summary>
    public static bool NamesEqual(string a, string b) =>
        // Escaped text is ASCII only (other bytes are \DDD), so ordinal-ignore-case folds exactly A-Z/a-z.
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends one label's presentation text; returns the number of chars written.</summary>
    internal static int EscapeLabel(ReadOnlySpan<byte> label, Span<char> into)
    {
        var n = 0;
        foreach (var b in label)
        {
            if (b is > 0x20 and < 0x7F)
            {
                if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$')
                {
                    into[n++] = '\\';
                }
                into[n++] = (char)b;
            }
            else
            {
                into[n++] = '\\';
                into[n++] = (char)('0' + b / 100);
                into[n++] = (char)('0' + b / 10 % 10);
                into[n++] = (char)('0' + b % 10);
            }
        }
        return n;
    }

    /// <summary>Text of a character-string (TXT, CAA value): printable ASCII and valid UTF-8 kept, the rest escaped.</summary>
    internal static string CharacterString(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if (!text.Any(char.IsControl)) return text;
        }
        var chars = new char[bytes.Length * 4];
        var n = 0;
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F)
            {
                chars[n++] = (char)b;
            }
            else
            {
                chars[n++] = '\\';
                chars[n++] = (char)('0' + b / 100);
                chars[n++] = (char)('0' + b / 10 % 10);
                chars[n++] = (char)('0' + b % 10);
            }
        }
        return new string(chars, 0, n);
    }
}
