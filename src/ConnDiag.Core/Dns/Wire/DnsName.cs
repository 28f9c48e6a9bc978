using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// A name in wire form (labels, root zero included, no compression) parsed from presentation text, with
/// its canonical text. Unicode input is converted to A-labels (IDNA), so <c>bücher.example</c> is queried
/// as <c>xn--bcher-kva.example.</c>.
/// </summary>
public sealed class DnsName
{
    private DnsName(byte[] wire, string text)
    {
        Wire = wire;
        Text = text;
    }

    /// <summary>The uncompressed wire form.</summary>
    public ReadOnlyMemory<byte> Wire { get; }

    /// <summary>Absolute presentation text with a trailing dot (escaped as the reader writes it).</summary>
    public string Text { get; }

    public static DnsName Root { get; } = new([0], ".");

    public override string ToString() => Text;

    /// <summary>Parses a name; throws <see cref="ArgumentException"/> with the reason when it is not one.</summary>
    public static DnsName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name! : throw new ArgumentException(error, nameof(text));

    /// <summary>
    /// Parses presentation text: labels split at unescaped dots, <c>\X</c> and <c>\DDD</c> escapes, an optional
    /// trailing dot; <c>.</c> is the root. The error names the rule that was broken.
    /// </summary>
    public static bool TryParse(string? text, out DnsName? name, out string? error)
    {
        name = null;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "empty name";
            return false;
        }
        if (s == ".")
        {
            name = Root;
            return true;
        }
        if (s.Any(c => c > 0x7F))
        {
            if (s.Contains('\\'))
            {
                error = $"'{s}' mixes non-ASCII characters and escapes";
                return false;
            }
            try
            {
                s = new IdnMapping().GetAscii(s.TrimEnd('.'));
            }
            catch (ArgumentException ex)
            {
                error = $"'{s}' is not a valid internationalized name: {ex.Message}";
                return false;
            }
        }

        var wire = new List<byte>(s.Length + 2);
        var label = new List<byte>(MaxLabel);
        var i = 0;
        var endsWithDot = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '.')
            {
                if (label.Count == 0)
                {
                    error = $"'{s}' has an empty label";
                    return false;
                }
                wire.Add((byte)label.Count);
                wire.AddRange(label);
                label.Clear();
                i++;
                endsWithDot = i == s.Length;
                continue;
            }
            byte b;
            if (c == '\\')
            {
                if (i + 1 >= s.Length)
                {
                    error = $"'{s}' ends with a lone backslash";
                    return false;
                }
                if (char.IsAsciiDigit(s[i + 1]))
                {
                    if (i + 3 >= s.Length || !char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3]))
                    {
                        error = $"'{s}': a \\DDD escape needs three digits";
                        return false;
                    }
                    var v = int.Parse(s.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture);
                    if (v > 255)
                    {
                        error = $"'{s}': \\{s.Substring(i + 1, 3)} is above 255";
                        return false;
                    }
                    b = (byte)v;
                    i += 4;
                }
                else
                {
                    if (s[i + 1] > 0x7F)
                    {
                        error = $"'{s}': only ASCII characters can be escaped";
                        return false;
                    }
                    b = (byte)s[i + 1];
                    i += 2;
                }
            }
            else
            {
                if (c is <= ' ' or > '~')
                {
                    error = $"'{s}' contains a control or space character; write it as \\DDD";
                    return false;
                }
                b = (byte)c;
                i++;
            }
            label.Add(b);
            if (label.Count > MaxLabel)
            {
                error = $"'{s}' has a label longer than {MaxLabel} bytes";
                return false;
            }
        }
        if (!endsWithDot)
        {
            wire.Add((byte)label.Count);
            wire.AddRange(label);
        }
        wire.Add(0);
        if (wire.Count > DnsNames.MaxWireLength)
        {
            error = $"'{s}' is {wire.Count} bytes long on the wire; the limit is {DnsNames.MaxWireLength}";
            return false;
        }
        var bytes = wire.ToArray();
        name = new DnsName(bytes, TextOf(bytes));
        return true;
    }

    private const int MaxLabel = DnsNames.MaxLabelLength;

    /// <summary>Canonical text of an uncompressed wire name (already validated).</summary>
    internal static string TextOf(ReadOnlySpan<byte> wire)
    {
        if (wire.Length <= 1) return ".";
        Span<char> chars = stackalloc char[DnsNames.MaxWireLength * 4];
        var n = 0;
        var p = 0;
        while (wire[p] != 0)
        {
            var len = wire[p];
            n += DnsNames.EscapeLabel(wire.Slice(p + 1, len), chars[n..]);
            chars[n++] = '.';
            p += 1 + len;
        }
        return new string(chars[..n]);
    }

    /// <summary>The labels of the wire form, for the writer's compression table.</summary>
    internal IEnumerable<(int Offset, int Length)> Labels()
    {
        var p = 0;
        var w = Wire.Span;
        var list = new List<(int, int)>();
        while (w[p] != 0)
        {
            list.Add((p, w[p]));
            p += 1 + w[p];
        }
        return list;
    }
}
