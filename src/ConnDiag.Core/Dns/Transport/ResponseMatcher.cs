using System.Globalization;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// Decides whether a received message answers the query we sent (RFC 5452 §9.1): it must be a response
/// with our id and opcode, and repeat our question's name (case-insensitively), type and class. Anything
/// else is ignored and counted by the caller: off-path spoofing has to guess exactly these fields.
/// </summary>
internal static class ResponseMatcher
{
    /// <summary>Null when <paramref name="response"/> answers the query; else why it does not.</summary>
    public static string? Mismatch(DnsMessage response, ushort id, DnsQuestion question)
    {
        var h = response.Header;
        if (!h.IsResponse) return Describe(id, "a query (QR=0), not a response");
        if (h.Id != id) return string.Create(CultureInfo.InvariantCulture, $"id {h.Id} instead of {id}");
        if (h.OpCode != DnsOpCode.Query) return Describe(id, $"opcode {h.OpCode} instead of Query");
        var q = response.Question;
        if (!DnsNames.NamesEqual(q.Name, question.Name)) return Describe(id, $"question name '{q.Name}' instead of '{question.Name}'");
        if (q.Type != question.Type) return Describe(id, $"question type {DnsNames.TypeText(q.Type)} instead of {DnsNames.TypeText(question.Type)}");
        if (q.Class != question.Class) return Describe(id, $"question class {DnsNames.ClassText(q.Class)} instead of {DnsNames.ClassText(question.Class)}");
        return null;
    }

    /// <summary>A datagram that could not be parsed, described for the ignored list.</summary>
    public static string Malformed(ReadOnlySpan<byte> datagram, DnsFormatException ex)
    {
        var id = datagram.Length >= 2 ? ((datagram[0] << 8) | datagram[1]).ToString(CultureInfo.InvariantCulture) : "?";
        return $"id {id}: {ex.Message}";
    }

    /// <summary>True when a datagram's first two bytes are our id (a malformed message that was meant for us).</summary>
    public static bool HasId(ReadOnlySpan<byte> datagram, ushort id) =>
        datagram.Length >= 2 && ((datagram[0] << 8) | datagram[1]) == id;

    private static string Describe(ushort id, string what) => string.Create(CultureInfo.InvariantCulture, $"id {id}: {what}");
}
