using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// Hundreds of lookups over every transport, answered and timed out, leave no file descriptor behind.
/// Runs in the fd-sensitive collection, alone, because it counts the whole process's descriptors.
/// </summary>
[Collection(FdSensitiveCollection.Name)]
public sealed class DnsResourceTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>, IDisposable
{
    // Descriptors the runtime may open on its own meanwhile (thread pool, epoll, timers); far below one per lookup.
    private const int FdSlack = 16;
    private readonly TestCertificates _certificates = new();

    [LinuxFact("dnsmasq")]
    public async Task Lookups_over_UDP_TCP_DoH_and_shared_sockets_close_every_socket()
    {
        using var silent = new HostileUdpResponder((_, _) => []);
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: true);
        var options = new DnsQueryOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0, HttpsTrustedCertificates = _certificates.Roots, HttpsUseProxy = false };
        var client = new DnsQueryClient(options);
        var quick = new DnsQueryClient(options with { Timeout = TimeSpan.FromMilliseconds(100) });
        // Warm up every path once, so lazily created runtime descriptors exist before counting.
        await client.QueryAsync("host.claude.test", DnsRecordType.A, fixture.Server.Udp);
        await client.QueryAsync("host.claude.test", DnsRecordType.A, fixture.Server.Tcp);
        await client.QueryAsync("host.claude.test", DnsRecordType.A, doh.Server);
        await quick.QueryAsync("x.test", DnsRecordType.A, silent.Server);
        var before = FileDescriptors.Count();

        var names = Enumerable.Range(0, 300).Select(i => DnsName.Parse($"n{i}.claude.test")).ToList();
        var answers = new List<DnsAnswer>();
        await foreach (var a in DnsLookup.RunAsync(client, names, DnsRecordType.A, [fixture.Server.Udp, fixture.Server.Tcp], throttle: 32)) answers.Add(a);
        await foreach (var a in DnsLookup.RunAsync(client, names.Take(20), DnsRecordType.A, [doh.Server], throttle: 4)) answers.Add(a);
        await foreach (var a in DnsLookup.RunAsync(quick, names.Take(50), DnsRecordType.A, [silent.Server], throttle: 50)) answers.Add(a);
        using (var shared = new DnsQueryClient(options with { ShareUdpSockets = true, UdpSocketsPerServer = 4 }))
        {
            await foreach (var a in DnsLookup.RunAsync(shared, names, DnsRecordType.A, [fixture.Server.Udp], throttle: 64)) answers.Add(a);
        }
        var after = FileDescriptors.Count();

        Assert.Equal(600 + 20 + 50 + 300, answers.Count);
        Assert.Equal(920, answers.Count(a => a.Succeeded));
        Assert.Equal(50, answers.Count(a => a.Status == "Timeout"));
        Assert.True(after <= before + FdSlack, $"file descriptors {before} -> {after}");
    }

    public void Dispose() => _certificates.Dispose();
}
