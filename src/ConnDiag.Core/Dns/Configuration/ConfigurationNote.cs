namespace ConnDiag.Dns.Configuration;

/// <summary>
/// A remark about the resolver configuration, tied to the file and line it is about when there is one
/// (a nameserver line glibc ignores, a hosts line that is not valid, a value capped at its limit).
/// </summary>
/// <param name="Message">What was noticed, in one sentence.</param>
/// <param name="Source">The file (or <c>environment LOCALDOMAIN</c>, <c>adapter NAME</c>) it is about; null for the configuration as a whole.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>; null when the source has no lines.</param>
public sealed record ConfigurationNote(string Message, string? Source, int? Line)
{
    public override string ToString() => ConfigurationLocation.Prefix(Source, Line) + Message;
}

/// <summary>How a value's origin is written in text: <c>/etc/resolv.conf:3</c>.</summary>
public static class ConfigurationLocation
{
    public static string Format(string? source, int? line) =>
        source is null ? "" : line is { } n ? $"{source}:{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : source;

    internal static string Prefix(string? source, int? line) => source is null ? "" : Format(source, line) + ": ";
}
