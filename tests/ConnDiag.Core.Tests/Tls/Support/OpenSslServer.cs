using System.Globalization;
using System.Text.RegularExpressions;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Tls.Support;

/// <summary>
/// `openssl s_server` serving a test certificate on a kernel-chosen loopback port (it prints "ACCEPT
/// 127.0.0.1:PORT" when ready). Killed by PID on dispose; its files live in a temp directory of its own.
/// </summary>
internal sealed partial class OpenSslServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly TempDir _dir;

    private OpenSslServer(ChildProcess process, TempDir dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public string Output => _process.Output;

    /// <summary>Serves <paramref name="leaf"/> with <paramref name="chain"/> sent after it (none: leaf only).</summary>
    public static OpenSslServer Start(TestCertificate leaf, IReadOnlyList<TestCertificate>? chain = null, params string[] extraArgs)
    {
        var dir = new TempDir();
        try
        {
            var args = new List<string>
            {
                "s_server", "-accept", "127.0.0.1:0", "-www",
                "-cert", dir.Write("cert.pem", leaf.Pem), "-key", dir.Write("key.pem", leaf.KeyPem),
            };
            if (chain is { Count: > 0 }) args.AddRange(["-cert_chain", dir.WritePem("chain.pem", [.. chain])]);
            args.AddRange(extraArgs);
            var process = ChildProcess.Start("openssl", args, "ACCEPT", TimeSpan.FromSeconds(15));
            var m = AcceptLine().Match(process.Output);
            if (!m.Success)
            {
                process.Dispose();
                throw new InvalidOperationException($"openssl s_server printed no port: {process.Output}");
            }
            return new OpenSslServer(process, dir, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _dir.Dispose();
    }

    [GeneratedRegex(@"ACCEPT\s+\S*:(\d+)")]
    private static partial Regex AcceptLine();
}
