using System.Globalization;
using System.Text;

namespace ConnDiag.Ports.Linux;

/// <summary>uid → user name from /etc/passwd, read once per process. Users only NSS knows (LDAP, sssd) show as their number.</summary>
internal static class PasswdUsers
{
    private const int MaxBytes = 4 * 1024 * 1024;
    private static readonly Lazy<IReadOnlyDictionary<uint, string>> Names = new(() => Parse(ReadPasswd()));

    public static string NameOf(uint uid) =>
        Names.Value.TryGetValue(uid, out var name) ? name : uid.ToString(CultureInfo.InvariantCulture);

    private static string ReadPasswd() =>
        ProcFile.ReadCapped("/etc/passwd", MaxBytes) is { } bytes ? Encoding.UTF8.GetString(bytes) : "";

    /// <summary>Parses passwd lines (name:password:uid:...); the first name for a uid wins, as getpwuid does.</summary>
    internal static IReadOnlyDictionary<uint, string> Parse(string passwd)
    {
        var names = new Dictionary<uint, string>();
        foreach (var line in passwd.Split('\n'))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0].Length > 0
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                names.TryAdd(uid, fields[0]);
            }
        }
        return names;
    }
}
