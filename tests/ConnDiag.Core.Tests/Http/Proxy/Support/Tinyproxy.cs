using System.Globalization;
using System.Net;
using System.Text;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Http.Proxy.Support;

/// <summary>What the tinyproxy under test allows.</summary>
/// <param name="ConnectPorts">Ports CONNECT may reach (tinyproxy's ConnectPort lines; the shipped config allows only 443 and 563).</param>
/// <param name="BasicAuth">User and password the proxy demands, or null.</param>
/// <param name="AllowedHosts">With a value: a filter (FilterDefaultDeny) that lets only these hosts (regular expressions) through.</param>
internal sealed record TinyproxyConfig(IReadOnlyList<int> ConnectPorts, (string User, string Password)? BasicAuth = null, IReadOnlyList<string>? AllowedHosts = null);

/// <summary>
/// tinyproxy 1.11 as a real CONNECT proxy: a generated config on a free loopback port, run in the foreground
/// (<c>-d -c CONFIG</c>) as a child process, pid file in a temp directory, stopped by PID on dispose.
/// </summary>
internal sealed class Tinyproxy : IDisposable
{
    public const string Binary = "tinyproxy";
    private const string ReadyMarker = "Starting main loop";

    private readonly ChildProcess _process;
    private readonly string _dir;

    private Tinyproxy(ChildProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }
    public int Pid => _process.Id;
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");
    public string Log => _process.Output;

    /// <summary>
    /// Waits (bounded) until the log contains <paramref name="text"/>: tinyproxy may write a line after it has
    /// answered, and stderr reaches us through a pipe.
    /// </summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(5));
        for (var i = 0; i < 200 && DateTime.UtcNow < deadline; i++)
        {
            if (Log.Contains(text, StringComparison.Ordinal)) return true;
            await Task.Delay(25);
        }
        return Log.Contains(text, StringComparison.Ordinal);
    }

    public static Tinyproxy Start(TinyproxyConfig config)
    {
        // A free port can be taken between the check and tinyproxy's bind; try a few.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dir = Directory.CreateTempSubdirectory("conndiag-tinyproxy-").FullName;
            var port = TestSockets.FreePort(IPAddress.Loopback);
            var configPath = Path.Combine(dir, "tinyproxy.conf");
            File.WriteAllText(configPath, Render(config, port, dir));
            try
            {
                var child = ChildProcess.Start(Binary, ["-d", "-c", configPath], ReadyMarker, TimeSpan.FromSeconds(15));
                return new Tinyproxy(child, dir, port);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                last = ex;
                TryDelete(dir);
            }
        }
        throw new InvalidOperationException("tinyproxy did not start: " + last?.Message, last);
    }

    private static string Render(TinyproxyConfig config, int port, string dir)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Port {port}");
        sb.AppendLine("Listen 127.0.0.1");
        sb.AppendLine("Timeout 30");
        sb.AppendLine("MaxClients 32");
        sb.AppendLine("LogLevel Info");
        sb.AppendLine(CultureInfo.InvariantCulture, $"PidFile \"{Path.Combine(dir, "tinyproxy.pid")}\"");
        foreach (var p in config.ConnectPorts) sb.AppendLine(CultureInfo.InvariantCulture, $"ConnectPort {p}");
        if (config.BasicAuth is { } auth) sb.AppendLine(CultureInfo.InvariantCulture, $"BasicAuth {auth.User} {auth.Password}");
        if (config.AllowedHosts is { } hosts)
        {
            var filter = Path.Combine(dir, "filter");
            File.WriteAllLines(filter, hosts);
            sb.AppendLine(CultureInfo.InvariantCulture, $"Filter \"{filter}\"");
            sb.AppendLine("FilterDefaultDeny Yes");
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        _process.Dispose();
        TryDelete(_dir);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp directory is only a config and a pid file.
        }
    }
}
