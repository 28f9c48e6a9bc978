using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Cli.Tests.SystemResolver;

/// <summary>
/// The real system-resolver path: conndiag (and through it getaddrinfo) inside a namespace whose resolv.conf,
/// hosts and nsswitch.conf are test files, against dnsmasq on port 53. What `conndiag resolver` reports must be
/// what the C library then does.
/// </summary>
public sealed class SystemResolverNamespaceTests : IClassFixture<ResolverNamespaceFixture>, IDisposable
{
    private static readonly string HostResolvConf = File.Exists("/etc/resolv.conf") ? File.ReadAllText("/etc/resolv.conf") : "";
    private readonly ResolverNamespaceFixture _f;
    private readonly List<SystemFiles> _files = [];

    public SystemResolverNamespaceTests(ResolverNamespaceFixture fixture) => _f = fixture;

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
        // The bind mounts lived in the child's own mount namespace: this machine's file never changed.
        if (File.Exists("/etc/resolv.conf")) Assert.Equal(HostResolvConf, File.ReadAllText("/etc/resolv.conf"));
    }

    private SystemFiles Files(string resolvConf, string hosts = "127.0.0.1 localhost\n", string nsswitch = "hosts: files dns\n")
    {
        var f = new SystemFiles(_f.Format(resolvConf), _f.Format(hosts), nsswitch);
        _files.Add(f);
        return f;
    }

    private string Resolv(string extra = "") => $"nameserver {_f.Dns}\n{extra}options timeout:1 attempts:1\n";

    private static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Stdout).RootElement;

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task A_hosts_file_entry_is_reported_as_HOSTS_OVERRIDE_and_is_what_getaddrinfo_returns()
    {
        var files = Files(Resolv(), "127.0.0.1 localhost\n198.18.{NS}.77 override.test ov\n");

        var config = await _f.RunAsync(files, "resolver", "override.test", "--json");
        Assert.True(config.ExitCode == 0, config.ToString());
        var root = Json(config);
        var server = Assert.Single(root.GetProperty("servers").EnumerateArray());
        Assert.Equal((_f.Dns.ToString(), "/etc/resolv.conf", 1), (server.GetProperty("address").GetString(), server.GetProperty("source").GetString(), server.GetProperty("line").GetInt32()));
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("DNS.HOSTS_OVERRIDE", finding.GetProperty("code").GetString());
        Assert.Equal($"override.test is answered from the hosts file /etc/hosts:2 ({_f.HostsAddress}); DNS is not asked.", finding.GetProperty("summary").GetString());

        // getaddrinfo agrees: the hosts address, and DNS (which says 198.18.N.2) was never asked.
        var tcp = await _f.RunAsync(files, "tcp", "override.test:9", "--timeout", "5", "--json");
        var attempt = Assert.Single(Json(tcp)[0].GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("remoteAddress").GetString() == _f.HostsAddress.ToString(), tcp.ToString());
        Assert.Equal("Closed", attempt.GetProperty("state").GetString());
        // A later lookup that does reach DNS: once it is in the log, anything before it is too.
        await _f.RunAsync(files, "tcp", "marker-override.first.test:9", "--timeout", "5", "--json");
        Assert.Single(await _f.QueriedNamesAsync(n => n.StartsWith("marker-override.", StringComparison.OrdinalIgnoreCase), atLeast: 1));
        Assert.Empty(await _f.QueriedNamesAsync(n => n.StartsWith("override.test", StringComparison.OrdinalIgnoreCase), atLeast: 0));
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task With_dns_before_files_there_is_no_override_and_DNS_answers()
    {
        var files = Files(Resolv(), "198.18.{NS}.77 dnsfirst.override.test\n", "hosts: dns files\n");

        var config = await _f.RunAsync(files, "resolver", "dnsfirst.override.test", "--json");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Empty(Json(config).GetProperty("findings").EnumerateArray());
        Assert.Empty(Json(config).GetProperty("nameChecks")[0].GetProperty("hostsEntries").EnumerateArray());

        var tcp = await _f.RunAsync(files, "tcp", "dnsfirst.override.test:9", "--timeout", "5", "--json");
        var attempt = Assert.Single(Json(tcp)[0].GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("remoteAddress").GetString() == _f.Dns.ToString(), tcp.ToString());
        Assert.Contains("dnsfirst.override.test", await _f.QueriedNamesAsync(n => n.StartsWith("dnsfirst.", StringComparison.OrdinalIgnoreCase), atLeast: 1));
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task A_short_name_resolves_through_the_search_list_in_the_order_SearchList_gives()
    {
        var files = Files(Resolv("search first.test second.test\n"));

        var config = await _f.RunAsync(files, "resolver", "short", "--json");
        Assert.True(config.ExitCode == 0, config.ToString());
        var candidates = Json(config).GetProperty("nameChecks")[0].GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(["short.first.test", "short.second.test", "short"], candidates);

        var tcp = await _f.RunAsync(files, "tcp", "short:9", "--timeout", "5", "--json");
        var attempt = Assert.Single(Json(tcp)[0].GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("remoteAddress").GetString() == _f.ShortAddress.ToString(), tcp.ToString());
        // glibc stopped at the first name with an answer: the queries are the candidates up to it, in order.
        var asked = await _f.QueriedNamesAsync(n => n.StartsWith("short", StringComparison.OrdinalIgnoreCase), atLeast: 2);
        Assert.True(candidates.Take(2).SequenceEqual(asked), $"asked: {string.Join(", ", asked)}\n{_f.DnsLog}");
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task A_name_found_nowhere_is_tried_with_every_candidate_in_the_engines_order()
    {
        // ndots:2 and a name with one dot: the search list first, the name itself last.
        var resolvConf = Resolv("search first.test second.test\noptions ndots:2\n");
        var files = Files(resolvConf);
        var expected = SearchList.Candidates("nowhere.sub", ResolvConfParser.Parse(_f.Format(resolvConf), "resolv.conf").SearchList.Select(d => d.Name).ToList(),
            ResolvConfParser.Parse(_f.Format(resolvConf), "resolv.conf").Options).Select(c => c.Name).ToList();
        Assert.Equal(["nowhere.sub.first.test", "nowhere.sub.second.test", "nowhere.sub"], expected);

        var tcp = await _f.RunAsync(files, "tcp", "nowhere.sub:9", "--timeout", "5", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        // ConnDiag's own resolver keeps the zone's word (getaddrinfo only said "not found").
        Assert.Equal("DNS.NXDOMAIN", Json(tcp)[0].GetProperty("findings")[0].GetProperty("code").GetString());
        var asked = await _f.QueriedNamesAsync(n => n.StartsWith("nowhere.sub", StringComparison.OrdinalIgnoreCase), atLeast: 3);
        Assert.True(expected.SequenceEqual(asked), $"asked: {string.Join(", ", asked)}\n{_f.DnsLog}");

        // ndots:1 (the default): a name with one dot is tried as it is first, then with the search list.
        var defaultNdots = Resolv("search first.test second.test\n");
        var engine = SearchList.Candidates("again.sub", ["first.test", "second.test"], ResolvConfParser.Parse(_f.Format(defaultNdots), "resolv.conf").Options).Select(c => c.Name).ToList();
        Assert.Equal(["again.sub", "again.sub.first.test", "again.sub.second.test"], engine);
        await _f.RunAsync(Files(defaultNdots), "tcp", "again.sub:9", "--timeout", "5", "--json");
        var again = await _f.QueriedNamesAsync(n => n.StartsWith("again.sub", StringComparison.OrdinalIgnoreCase), atLeast: 3);
        Assert.True(engine.SequenceEqual(again), $"asked: {string.Join(", ", again)}\n{_f.DnsLog}");

        // A dotless name: the search list, then the name itself.
        await _f.RunAsync(Files(defaultNdots), "tcp", "nowhere:9", "--timeout", "5", "--json");
        var plain = await _f.QueriedNamesAsync(n => n.StartsWith("nowhere", StringComparison.OrdinalIgnoreCase) && !n.StartsWith("nowhere.sub", StringComparison.OrdinalIgnoreCase), atLeast: 3);
        Assert.True(plain.SequenceEqual(["nowhere.first.test", "nowhere.second.test", "nowhere"]), $"asked: {string.Join(", ", plain)}\n{_f.DnsLog}");
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task A_dead_server_is_DNS_UNREACHABLE_while_the_configuration_itself_is_fine()
    {
        var files = Files($"nameserver {_f.DeadServer}\noptions timeout:1 attempts:1\n");

        var config = await _f.RunAsync(files, "resolver", "--json");
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Equal(_f.DeadServer.ToString(), Assert.Single(Json(config).GetProperty("servers").EnumerateArray()).GetProperty("address").GetString());

        var tcp = await _f.RunAsync(files, "tcp", "dead.example:80", "--timeout", "10", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        var result = Json(tcp)[0];
        Assert.Equal("Unresolved", result.GetProperty("status").GetString());
        // No host answers ARP for that address, so the query gets ICMP host unreachable: more precise than getaddrinfo's "try again".
        Assert.Equal("DNS.UNREACHABLE", Assert.Single(result.GetProperty("findings").EnumerateArray()).GetProperty("code").GetString());
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task No_nameserver_is_DNS_NO_SERVERS_although_glibc_quietly_tries_127_0_0_1()
    {
        var files = Files("# nameserver removed by hand\nsearch first.test\n");

        var config = await _f.RunAsync(files, "resolver", "--json");
        Assert.True(config.ExitCode == 1, config.ToString());
        var finding = Assert.Single(Json(config).GetProperty("findings").EnumerateArray());
        Assert.Equal("DNS.NO_SERVERS", finding.GetProperty("code").GetString());
        Assert.Contains("127.0.0.1:53", finding.GetProperty("evidence").GetString());

        var tcp = await _f.RunAsync(files, "tcp", "short:9", "--timeout", "10", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        // ConnDiag's resolver does not copy glibc's silent 127.0.0.1 fallback: it says there is no server.
        Assert.Equal("DNS.NO_SERVERS", Json(tcp)[0].GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task The_attempts_0_warning_is_true_glibc_sends_no_query()
    {
        var files = Files($"nameserver {_f.Dns}\noptions attempts:0\n");

        var config = await _f.RunAsync(files, "resolver", "--json");
        var warning = Assert.Single(Json(config).GetProperty("warnings").EnumerateArray());
        Assert.Contains("sends no query at all", warning.GetProperty("message").GetString());
        Assert.Equal(2, warning.GetProperty("line").GetInt32());

        var tcp = await _f.RunAsync(files, "tcp", "attempts0.short.second.test:9", "--timeout", "5", "--json");
        Assert.True(tcp.ExitCode == 1, tcp.ToString());
        Assert.Equal("DNS.LOOKUP_FAILED", Json(tcp)[0].GetProperty("findings")[0].GetProperty("code").GetString());
        var marker = Files(Resolv());
        await _f.RunAsync(marker, "tcp", "marker-attempts.first.test:9", "--timeout", "5", "--json");
        Assert.Single(await _f.QueriedNamesAsync(n => n.StartsWith("marker-attempts.", StringComparison.OrdinalIgnoreCase), atLeast: 1));
        Assert.Empty(await _f.QueriedNamesAsync(n => n.StartsWith("attempts0.", StringComparison.OrdinalIgnoreCase), atLeast: 0));
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task Conndiag_dns_asks_the_configured_server_and_reports_the_hosts_override_next_to_the_DNS_answer()
    {
        // Not override.test: another test proves DNS is never asked for that one.
        var files = Files(Resolv(), "127.0.0.1 localhost\n198.18.{NS}.77 ovdns.test\n");

        var dns = await _f.RunAsync(files, "dns", "ovdns.test", "--json");
        var answer = Assert.Single(Json(dns).EnumerateArray());
        Assert.True(answer.GetProperty("server").GetString()!.StartsWith(_f.Dns.ToString(), StringComparison.Ordinal), dns.ToString());
        var codes = answer.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("DNS.HOSTS_OVERRIDE", codes);
        // The DNS answer is still there: the hosts file does not hide what the server says.
        Assert.NotNull(answer.GetProperty("responseCode").GetString());

        var skipped = await _f.RunAsync(files, "dns", "ovdns.test", "--no-hosts-file", "--json");
        var plain = Assert.Single(Json(skipped).EnumerateArray());
        Assert.DoesNotContain("DNS.HOSTS_OVERRIDE", plain.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task Conndiag_dns_without_a_configured_server_is_DNS_NO_SERVERS()
    {
        var files = Files("# nameserver removed by hand\n");
        var dns = await _f.RunAsync(files, "dns", "short.first.test");
        Assert.True(dns.ExitCode == 1, dns.ToString());
        Assert.Contains("DNS.NO_SERVERS", dns.Stdout);
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task With_system_resolver_getaddrinfo_answers_and_a_failure_is_only_LOOKUP_FAILED()
    {
        var files = Files(Resolv("search first.test second.test\n"));

        var found = await _f.RunAsync(files, "tcp", "short:9", "--system-resolver", "--timeout", "5", "--json");
        var attempt = Assert.Single(Json(found)[0].GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("remoteAddress").GetString() == _f.ShortAddress.ToString(), found.ToString());

        var missing = await _f.RunAsync(files, "tcp", "gaionly.sub:9", "--system-resolver", "--timeout", "5", "--json");
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Equal("DNS.LOOKUP_FAILED", Json(missing)[0].GetProperty("findings")[0].GetProperty("code").GetString());
        var ours = await _f.RunAsync(files, "tcp", "gaionly.sub:9", "--timeout", "5", "--json");
        Assert.Equal("DNS.NXDOMAIN", Json(ours)[0].GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [LinuxRootFact("ip", "dnsmasq", "unshare", "mount")]
    public async Task Conndiag_dns_diagnose_prints_the_stage_with_the_hosts_override_and_the_search_list_answer()
    {
        var files = Files(Resolv("search first.test second.test\n"), "127.0.0.1 localhost\n198.18.{NS}.77 ovdiag.test\n");

        var hosts = await _f.RunAsync(files, "dns", "ovdiag.test", "--diagnose");
        Assert.Contains("DNS.HOSTS_OVERRIDE", hosts.Stdout);

        var search = await _f.RunAsync(files, "dns", "short", "--diagnose");
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains($"short resolves to {_f.ShortAddress} as short.second.test", search.Stdout);

        var json = await _f.RunAsync(files, "dns", "short", "--diagnose", "--json");
        Assert.True(json.ExitCode == 2, json.ToString());
    }
}
