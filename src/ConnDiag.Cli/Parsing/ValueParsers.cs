using System.Globalization;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Cli.Parsing;

/// <summary>Turns option values into numbers, with errors that name the option and the bad value.</summary>
internal static class ValueParsers
{
    private const string ExpectedPort = "expected a port number in 1-65535";

    /// <summary>Ports as "80", "80,443" (the option may also be repeated).</summary>
    public static IEnumerable<int> PortList(string option, string text)
    {
        if (text.Length == 0) throw UsageException.Invalid(option, text, ExpectedPort);
        foreach (var part in text.Split(','))
        {
            yield return Port(option, text, part);
        }
    }

    public static int Port(string option, string whole, string part)
    {
        var p = part.Trim();
        if (p.Length is > 0 and <= 5 && p.All(char.IsAsciiDigit)
            && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && Target.IsValidPort(port))
        {
            return port;
        }
        var what = whole.Trim() == p ? ExpectedPort
            : p.Length == 0 ? "empty port in the list"
            : $"'{p}' is not a port number in 1-65535";
        throw UsageException.Invalid(option, whole, what);
    }

    /// <summary>Seconds as a decimal number, more than 0 and at most the engine's limit.</summary>
    public static TimeSpan Seconds(string option, string text)
    {
        var max = TcpProbeOptions.MaxTimeout.TotalSeconds;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s)
            && s > 0 && s <= max)
        {
            return TimeSpan.FromSeconds(s);
        }
        throw UsageException.Invalid(option, text,
            $"expected seconds, a number greater than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}");
    }

    public static int WholeNumber(string option, string text, int min, int max)
    {
        if (text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }
        throw UsageException.Invalid(option, text,
            $"expected a whole number in {min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// A decimal number, syntax only: the range belongs to whoever uses it (for `endpoint`, EndpointSettings,
    /// so both front ends reject the same values with the same words).
    /// </summary>
    public static double Number(string option, string text)
    {
        if (text.Length is > 0 and <= 32
            && double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            && double.IsFinite(n))
        {
            return n;
        }
        throw UsageException.Invalid(option, text, "expected a number");
    }

    /// <summary>A whole number, syntax only (see <see cref="Number"/>).</summary>
    public static int Integer(string option, string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        throw UsageException.Invalid(option, text, "expected a whole number");
    }
}
