using System.Globalization;
using ConnDiag.Services.Exec;

namespace ConnDiag.Services.Checks;

/// <summary>The address and port a unit tells its program to listen on, and where it says so.</summary>
/// <param name="Host">The host or address (<c>0.0.0.0</c>, <c>127.0.0.1</c>, <c>*</c>...); null when the unit does not say.</param>
/// <param name="Port">The port; null when the unit does not say.</param>
/// <param name="HostSource">What set the host (<c>--host 127.0.0.1</c> in ExecStart at FILE:LINE, or <c>HOST=</c> at FILE:LINE).</param>
/// <param name="PortSource">What set the port.</param>
public sealed record ListenConfig(string? Host, int? Port, string? HostSource, string? PortSource)
{
    /// <summary>True when the host means every interface (0.0.0.0, ::, *, +, empty).</summary>
    public bool AllInterfaces => Host is "0.0.0.0" or "::" or "*" or "+" or "[::]";

    /// <summary>True when the host is loopback-only (127.x, ::1, localhost).</summary>
    public bool LoopbackOnly =>
        Host is not null && (Host == "localhost" || (System.Net.IPAddress.TryParse(Host.Trim('[', ']'), out var a) && System.Net.IPAddress.IsLoopback(a)));

    /// <summary>The host and port as configured, for summaries.</summary>
    public override string ToString() =>
        (Host ?? "(default address)") + ":" + (Port?.ToString(CultureInfo.InvariantCulture) ?? "(default port)");
}

/// <summary>
/// Reads the listen address from the main ExecStart= command and the environment: <c>--port N</c>, <c>-p N</c>,
/// <c>--host H</c>, <c>--bind H[:P]</c>, <c>--listen H[:P]</c>, <c>--urls URL[;URL]</c> (also as <c>--opt=value</c>),
/// <c>python3 -m http.server PORT</c>, and <c>PORT=</c>, <c>HOST=</c>, <c>ASPNETCORE_URLS=</c>. Command-line flags win over
/// the environment, as they do in the programs that read both.
/// </summary>
internal static class ListenConfigReader
{
    private static readonly string[] PortFlags = ["--port", "-p", "--listen-port", "--http-port"];
    private static readonly string[] HostFlags = ["--host", "--hostname", "--address", "--addr", "-H"];
    private static readonly string[] BindFlags = ["--bind", "-b", "--listen", "-l"];

    public static ListenConfig? Read(ExecCommand? main, UnitEnvironment environment)
    {
        string? host = null, hostSource = null, portSource = null;
        int? port = null;
        if (main is not null) FromArguments(main, ref host, ref port, ref hostSource, ref portSource);
        var env = environment.Variables;
        if (port is null && env.TryGetValue("PORT", out var p) && ParsePort(p.Value) is { } ep)
        {
            port = ep;
            portSource = $"PORT={p.Value} at {p.Source}";
        }
        if (host is null && env.TryGetValue("HOST", out var h) && h.Value.Length > 0)
        {
            host = h.Value;
            hostSource = $"HOST={h.Value} at {h.Source}";
        }
        if (env.TryGetValue("ASPNETCORE_URLS", out var u) && Url(u.Value) is { } url)
        {
            if (host is null) (host, hostSource) = (url.Host, $"ASPNETCORE_URLS={u.Value} at {u.Source}");
            if (port is null) (port, portSource) = (url.Port, $"ASPNETCORE_URLS={u.Value} at {u.Source}");
        }
        return host is null && port is null ? null : new ListenConfig(host, port, hostSource, portSource);
    }

    private static void FromArguments(ExecCommand main, ref string? host, ref int? port, ref string? hostSource, ref string? portSource)
    {
        var args = main.Arguments;
        var where = $"ExecStart at {main.Setting.Location}";
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, value, width) = Split(args, i);
            if (flag is null) continue;
            if (PortFlags.Contains(flag) && ParsePort(value) is { } fp)
            {
                (port, portSource) = (fp, $"{flag} {value} in {where}");
            }
            else if (HostFlags.Contains(flag) && value is { Length: > 0 })
            {
                (host, hostSource) = (value, $"{flag} {value} in {where}");
            }
            else if (BindFlags.Contains(flag) && value is { Length: > 0 } && HostPort(value) is { } hp)
            {
                if (hp.Host is not null) (host, hostSource) = (hp.Host, $"{flag} {value} in {where}");
                if (hp.Port is not null) (port, portSource) = (hp.Port, $"{flag} {value} in {where}");
            }
            else if (flag == "--urls" && value is not null && Url(value) is { } url)
            {
                (host, hostSource) = (url.Host, $"--urls {value} in {where}");
                (port, portSource) = (url.Port, $"--urls {value} in {where}");
            }
            else if (flag == "-m" && value == "http.server")
            {
                // python3 -m http.server [--bind ADDR] [PORT]: the port is the first bare number after the module.
                for (var k = i + 2; k < args.Count; k++)
                {
                    if (args[k] is "--bind" or "-b" or "--directory" or "-d" or "--protocol") { k++; continue; }
                    if (ParsePort(args[k]) is { } pp) { (port, portSource) = (pp, $"http.server {args[k]} in {where}"); break; }
                }
                host ??= "0.0.0.0";
                hostSource ??= $"python3 -m http.server binds all interfaces by default ({where})";
            }
            i += width - 1;
        }
    }

    /// <summary>A flag and its value: <c>--opt=value</c> (width 1) or <c>--opt value</c> (width 2).</summary>
    private static (string? Flag, string? Value, int Width) Split(IReadOnlyList<string> args, int i)
    {
        var a = args[i];
        if (!a.StartsWith('-')) return (null, null, 1);
        var eq = a.IndexOf('=');
        if (a.StartsWith("--", StringComparison.Ordinal) && eq > 2) return (a[..eq], a[(eq + 1)..], 1);
        return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? (a, args[i + 1], 2) : (a, null, 1);
    }

    private static int? ParsePort(string? text) =>
        text is { Length: > 0 and <= 5 } && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535 ? p : null;

    /// <summary>HOST, HOST:PORT, [V6]:PORT, :PORT or PORT; null for unix sockets and fd:// forms.</summary>
    private static (string? Host, int? Port)? HostPort(string value)
    {
        if (value.StartsWith("unix:", StringComparison.Ordinal) || value.StartsWith("fd:", StringComparison.Ordinal) || value.StartsWith('/')) return null;
        if (ParsePort(value) is { } only) return (null, only);
        if (value.StartsWith('[') && value.IndexOf(']') is var close and > 0)
        {
            var rest = value[(close + 1)..];
            return (value[1..close], rest.StartsWith(':') ? ParsePort(rest[1..]) : null);
        }
        var colon = value.LastIndexOf(':');
        if (colon >= 0 && value.IndexOf(':') == colon && ParsePort(value[(colon + 1)..]) is { } port)
        {
            return (colon == 0 ? null : value[..colon], port);
        }
        return (value, null);
    }

    /// <summary>The first URL of an ASP.NET-style list (<c>http://0.0.0.0:5000;http://[::]:5001</c>), <c>*</c> and <c>+</c> meaning all interfaces.</summary>
    private static (string Host, int Port)? Url(string value)
    {
        var first = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        var scheme = first.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        var rest = first[(scheme + 3)..].Split('/')[0];
        var hp = HostPort(rest);
        var defaultPort = first.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        return hp is { Host: { } host } ? (host, hp.Value.Port ?? defaultPort) : null;
    }
}
