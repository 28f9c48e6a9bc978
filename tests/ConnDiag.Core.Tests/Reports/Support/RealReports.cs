using System.Text.Json;
using ConnDiag.Core.Tests.Diagnosis;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using TestCertificates = ConnDiag.Core.Tests.Http.Support.TestCertificates;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Diagnosis;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Model;
using ConnDiag.Serialization;
using ConnDiag.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Reports.Support;

/// <summary>
/// Reports made by the real diagnoser, as the report writers get them (ConnDiagJson elements): a name resolved by a
/// local dnsmasq to a Kestrel HTTPS server whose leaf certificate (under a per-run root, trusted through a CA bundle)
/// has a hostile common name, so the report has dns, tcp, tls and http stages, a certificate chain, DNS answers and
/// HTTP phases; the same server answering 500 with a hostile body (a failed report with findings); and a refused port.
/// Built once per test class, on first use (so a class whose tests all skip needs no dnsmasq).
/// </summary>
public sealed class RealReports : IAsyncLifetime
{
    public const string Host = "app.report.test";

    /// <summary>Markup in the certificate's CN: a report must show it as text.</summary>
    public const string HostileCommonName = "<script>document.title='pwned-cn'</script>";

    /// <summary>Markup in the 500 body (it lands in the finding's evidence): as text, and the image must never load.</summary>
    public const string HostileBody = "<script>document.title='pwned-body'</script><img src=\"http://127.0.0.1:9/beacon.png\">";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-report-").FullName;
    private DnsmasqServer? _dns;
    private TestWebServer? _server;
    private TestCertificates? _certs;
    private Built? _built;

    public sealed record Built(DiagnosticReport Passing, DiagnosticReport ServerError, DiagnosticReport Refused)
    {
        public JsonElement PassingJson => ConnDiagJson.ToElement(Passing);
        public JsonElement ServerErrorJson => ConnDiagJson.ToElement(ServerError);
        public JsonElement RefusedJson => ConnDiagJson.ToElement(Refused);
    }

    public async Task<Built> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _built ??= await BuildAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Built> BuildAsync()
    {
        _dns = DnsmasqServer.Start(["local=/report.test/", $"host-record={Host},127.0.0.1"]);
        // The quotes keep the DN parser from reading the markup as syntax; the subject keeps every character.
        _certs = new TestCertificates($"\"{HostileCommonName}\"", [Host], leafDays: 90, rootName: "ConnDiag Report Test Root");
        _server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/ok", () => "hello");
            app.MapGet("/500", (HttpContext c) =>
            {
                c.Response.StatusCode = 500;
                c.Response.ContentType = "text/html";
                return c.Response.WriteAsync(HostileBody);
            });
        }, _certs.Leaf);

        var resolvConf = Path.Combine(_dir, "resolv.conf");
        var hosts = Path.Combine(_dir, "hosts");
        var nsswitch = Path.Combine(_dir, "nsswitch.conf");
        await File.WriteAllTextAsync(resolvConf, "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n");
        await File.WriteAllTextAsync(hosts, "127.0.0.1 localhost\n");
        await File.WriteAllTextAsync(nsswitch, "hosts: files dns\n");
        var resolver = await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(resolvConf, hosts, nsswitch)).ReadAsync();
        var options = EndpointDiagnoserTests.Options() with
        {
            ResolverConfiguration = resolver,
            Dns = new DnsStageOptions { SystemServers = [_dns.Udp] },
            TlsChain = TlsChainOptions.Default with { Trust = TlsTrust.FromBundle(_certs.RootPemPath, CaBundleMode.Add) },
            Http = EndpointDiagnoserTests.Options().Http with { CaBundlePath = _certs.RootPemPath },
        };
        var diagnoser = new EndpointDiagnoser();
        var passing = await diagnoser.DiagnoseAsync(_server.Url(Host, "/ok").ToString(), options);
        var serverError = await diagnoser.DiagnoseAsync(_server.Url(Host, "/500").ToString(), options);
        var refused = await diagnoser.DiagnoseAsync($"http://127.0.0.1:{TestSockets.FreePort()}/", EndpointDiagnoserTests.Options());
        return new Built(passing, serverError, refused);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _dns?.Dispose();
        _certs?.Dispose();
        _gate.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
