using System.Security;

namespace ConnDiag.Bridging;

/// <summary>SecureString parameters unwrapped only where the engine needs the value to send it.</summary>
internal static class SecureStrings
{
    public static string ToPlain(SecureString secret) => new System.Net.NetworkCredential(string.Empty, secret).Password;
}
