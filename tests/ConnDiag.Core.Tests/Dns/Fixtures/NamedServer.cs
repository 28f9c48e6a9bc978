using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// BIND's named in the foreground on a free loopback port, authoritative for claude.test (SOA MINIMUM 300,
/// TTL 600) and for broken.test, whose zone file is missing: named answers SERVFAIL for it, a genuine one.
/// Stopped by PID on Dispose. Recipe: research/feasibility.md §1.
/// </summary>
public sealed class NamedServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dir;

    private NamedServer(ChildProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public DnsServer Udp => DnsServer.Udp(IPAddress.Loopback, Port);

    public string Output => _process.Output;

    /// <summary>The SOA's MINIMUM field; its TTL is larger, so the negative TTL is this.</summary>
    public const uint SoaMinimumSeconds = 300;

    public static NamedServer Start()
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = LoopbackPorts.FreeUdpAndTcp();
            var dir = Directory.CreateTempSubdirectory("conndiag-named-").FullName;
            File.WriteAllText(Path.Combine(dir, "named.conf"), $$"""
                options {
                  directory "{{dir}}";
                  listen-on port {{port}} { 127.0.0.1; };
                  listen-on-v6 { none; };
                  recursion no;
                  dnssec-validation no;
                  pid-file none;
                  session-keyfile none;
                  allow-query { any; };
                };
                controls { };
                zone "claude.test" { type primary; file "claude.test.zone"; };
                zone "broken.test" { type primary; file "missing.zone"; };
                """);
            File.WriteAllText(Path.Combine(dir, "claude.test.zone"), $"""
                $TTL 600
                @   IN SOA ns1.claude.test. hostmaster.claude.test. 2026010101 3600 600 86400 {SoaMinimumSeconds}
                    IN NS  ns1.claude.test.
                ns1 IN A   127.0.0.1
                @   IN A   127.0.0.1
                www IN CNAME @

                """);
            try
            {
                var child = ChildProcess.Start("named", ["-g", "-c", Path.Combine(dir, "named.conf")], "all zones loaded");
                if (child.Output.Contains("could not listen", StringComparison.Ordinal) || child.Output.Contains("address in use", StringComparison.Ordinal))
                {
                    child.Dispose();
                    throw new InvalidOperationException("named could not bind its port: " + child.Output);
                }
                return new NamedServer(child, dir, port);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                last = ex;
                Directory.Delete(dir, recursive: true);
            }
        }
        throw new InvalidOperationException("named did not start after 3 tries", last);
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
