using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// A DNS message that breaks the wire format (RFC 1035 and the rules ConnDiag adds against hostile
/// peers). It is the only exception the reader ever throws, so a caller can treat every malformed
/// message alike without catching anything broader.
/// </summary>
public sealed class DnsFormatException : Exception
{
    public DnsFormatException(int offset, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"malformed DNS message at offset {offset}: {reason}"))
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset in the message where the problem was found.</summary>
    public int Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Reason { get; }
}
