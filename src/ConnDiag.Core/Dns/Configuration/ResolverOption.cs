namespace ConnDiag.Dns.Configuration;

/// <summary>One word of an <c>options</c> line (or of <c>RES_OPTIONS</c>) as written, with where it came from.</summary>
/// <param name="Name">The option name (<c>ndots</c>, <c>rotate</c>, ...), without its value.</param>
/// <param name="Value">The text after ':' (<c>5</c> for <c>ndots:5</c>), or null.</param>
/// <param name="Recognized">False when glibc does not know the option and ignores it.</param>
/// <param name="Source">The file or <c>environment RES_OPTIONS</c>.</param>
/// <param name="Line">1-based line; null for the environment.</param>
public sealed record ResolverOption(string Name, string? Value, bool Recognized, string Source, int? Line)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
