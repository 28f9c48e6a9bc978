using System.Text;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Text (type 16): one or more character-strings, kept apart because their boundaries matter (SPF joins
/// them, other uses do not). Bytes that are not valid UTF-8 text are shown as <c>\DDD</c>.
/// </summary>
public sealed record TxtRecord(string Name, uint TtlSeconds, IReadOnlyList<string> Strings, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.TXT, Class, TtlSeconds)
{
    public override string Data => string.Join(' ', Strings.Select(Quote));

    /// <summary>A character-string in double quotes, with quotes and backslashes escaped, as in a zone file.</summary>
    internal static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
