using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>Many names against several servers: concurrent, but answers come back in input order, servers side by side.</summary>
public sealed class DnsLookupTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    [LinuxFact("dnsmasq")]
    public async Task Answers_come_in_name_order_with_the_servers_in_the_order_given()
    {
        using var slow = new HostileUdpResponder((q, _) =>
        {
            Thread.Sleep(50);
            return [HostileUdpResponder.Answer(q, "127.0.0.99").ToWire()];
        });
        var client = new DnsQueryClient(new DnsQueryOptions { Timeout = TimeSpan.FromSeconds(3), Retries = 0 });
        var names = Enumerable.Range(0, 12).Select(i => DnsName.Parse($"n{i}.claude.test")).ToList();

        var answers = new List<DnsAnswer>();
        await foreach (var a in DnsLookup.RunAsync(client, names, DnsRecordType.A, [slow.Server, fixture.Server.Udp], throttle: 4)) answers.Add(a);

        Assert.Equal(24, answers.Count);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal($"n{i}.claude.test.", answers[2 * i].Name);
            Assert.Equal(slow.Server.Text, answers[2 * i].Server);
            Assert.Equal("127.0.0.99", Assert.Single(answers[2 * i].Answers).Data);
            Assert.Equal($"n{i}.claude.test.", answers[2 * i + 1].Name);
            Assert.Equal(fixture.Server.Udp.Text, answers[2 * i + 1].Server);
            Assert.Equal("127.0.0.1", Assert.Single(answers[2 * i + 1].Answers).Data);
        }
    }

    [LinuxFact("dnsmasq")]
    public async Task Stopping_early_leaves_nothing_running()
    {
        var client = new DnsQueryClient();
        var names = Enumerable.Range(0, 1000).Select(i => DnsName.Parse($"n{i}.claude.test"));

        var seen = 0;
        await foreach (var _ in DnsLookup.RunAsync(client, names, DnsRecordType.A, [fixture.Server.Udp], throttle: 8))
        {
            if (++seen == 3) break;
        }

        Assert.Equal(3, seen);
    }
}
