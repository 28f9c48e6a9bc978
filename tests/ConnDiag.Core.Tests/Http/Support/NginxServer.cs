using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Http.Support;

/// <summary>
/// nginx as a child process with a generated configuration in a temp directory (<c>-p</c> prefix, pid and
/// temp paths inside it, <c>daemon off</c>), on free loopback ports; stopped by PID. The <c>servers</c> text
/// is the http block's server sections, with <c>{dir}</c> standing for the temp directory.
/// </summary>
internal sealed class NginxServer : IDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _output = new();

    private NginxServer(Process process, string dir)
    {
        _process = process;
        _dir = dir;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>What nginx printed (errors and warnings), capped.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 16_000) _output.AppendLine(line);
        }
    }

    public static async Task<NginxServer> StartAsync(string servers, params int[] ports)
    {
        var dir = Directory.CreateTempSubdirectory("conndiag-nginx-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(dir, "tmp"));
        var config = $$"""
            pid {{dir}}/nginx.pid;
            error_log stderr warn;
            worker_processes 1;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{dir}}/tmp/body;
              proxy_temp_path {{dir}}/tmp/proxy;
              fastcgi_temp_path {{dir}}/tmp/fastcgi;
              uwsgi_temp_path {{dir}}/tmp/uwsgi;
              scgi_temp_path {{dir}}/tmp/scgi;
            {{servers.Replace("{dir}", dir, StringComparison.Ordinal)}}
            }
            """;
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), config);
        Process process;
        try
        {
            // nginx prints nothing when it starts well: "-t" first gives a clear error for a bad config, then
            // readiness is the ports accepting connections.
            ProcessRunner.Run("nginx", ["-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-e", "stderr", "-t", "-q"]);
            var start = new ProcessStartInfo("nginx")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { "-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-e", "stderr", "-g", "daemon off;" }) start.ArgumentList.Add(a);
            process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
        var server = new NginxServer(process, dir);
        try
        {
            foreach (var port in ports)
            {
                await TestSockets.WaitUntilListeningAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(10), () => !process.HasExited);
            }
        }
        catch (Exception ex)
        {
            var output = server.Output;
            server.Dispose();
            throw new InvalidOperationException($"nginx did not start listening: {output}", ex);
        }
        return server;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int SendTerm(int pid) => Kill(pid, 15);

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        // SIGTERM to the master's PID: it stops and reaps its worker itself (a SIGKILLed master would leave the
        // worker to be reaped by init). The tree is killed only if that does not end it in time.
        if (!_process.HasExited && SendTerm(_process.Id) == 0) _process.WaitForExit(TimeSpan.FromSeconds(5));
        if (!_process.HasExited) ProcessRunner.Kill(_process);
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
