namespace ConnDiag.Http;

/// <summary>One header line as sent or received; in results the value is already masked when it is secret.</summary>
/// <param name="Name">Header name as written on the wire.</param>
/// <param name="Value">Header value (masked for Authorization, x-api-key, Cookie and other secret headers).</param>
public sealed record HttpHeaderField(string Name, string Value)
{
    public override string ToString() => $"{Name}: {Value}";
}
