namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>Hex fixtures written with spaces and line breaks for readability; everything but hex digits is ignored.</summary>
internal static class Hex
{
    public static byte[] Bytes(string text) => Convert.FromHexString(new string(text.Where(Uri.IsHexDigit).ToArray()));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
