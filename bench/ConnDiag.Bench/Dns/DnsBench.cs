using System.Diagnostics;
using System.Globalization;
using ConnDiag.Core.Tests.Dns.Wire;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Bench.Dns;

/// <summary>DNS benchmarks for bench/dns.sh: codec throughput and allocations, bulk resolution, a long fuzz run.</summary>
internal static class DnsBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Parses each golden message <paramref name="iterations"/> times after a warm-up: messages per second and
    /// bytes allocated per parse (GC.GetAllocatedBytesForCurrentThread), per message and over the mix.
    /// </summary>
    public static int Codec(int iterations)
    {
        var messages = new (string Name, byte[] Bytes)[]
        {
            ("query A (49 B)", Hex.Bytes(GoldenPackets.QueryHostA)),
            ("answer A (65 B)", Hex.Bytes(GoldenPackets.ResponseHostA)),
            ("CNAME chain (124 B)", Hex.Bytes(GoldenPackets.ResponseAlias2A)),
            ("SRV + additionals (158 B)", Hex.Bytes(GoldenPackets.ResponseHttpsSrv)),
            ("NXDOMAIN + SOA (96 B)", Hex.Bytes(GoldenPackets.ResponseNopeNxDomain)),
        };
        double totalSeconds = 0;
        long totalBytes = 0;
        foreach (var (name, bytes) in messages)
        {
            for (var i = 0; i < 10_000; i++) DnsMessage.Parse(bytes);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) DnsMessage.Parse(bytes);
            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            totalSeconds += clock.Elapsed.TotalSeconds;
            totalBytes += allocated;
            Console.WriteLine(string.Create(Inv,
                $"codec {name}: {iterations / clock.Elapsed.TotalSeconds:0} msg/s, {(double)allocated / iterations:0} bytes/parse, {clock.Elapsed.TotalSeconds * 1e9 / iterations:0} ns/parse"));
        }
        var n = (long)iterations * messages.Length;
        Console.WriteLine(string.Create(Inv, $"codec mix: {n / totalSeconds:0} msg/s, {(double)totalBytes / n:0} bytes/parse"));

        var build = Stopwatch.StartNew();
        var name2 = DnsName.Parse("host.claude.test");
        for (var i = 0; i < iterations; i++) DnsQueryWriter.Build((ushort)i, name2, DnsRecordType.A, true, DnsEdns.ForQuery(1232, false));
        Console.WriteLine(string.Create(Inv, $"codec query build: {iterations / build.Elapsed.TotalSeconds:0} msg/s"));
        return 0;
    }

    /// <summary>
    /// Resolves every name of <paramref name="namesFile"/> (one "NAME TYPE" per line, the dnsperf format) at
    /// <paramref name="server"/> with at most <paramref name="concurrency"/> lookups in flight, through the
    /// engine's DnsLookup (the path Resolve-DnsRecord uses). Prints wall time, queries per second and outcomes.
    /// </summary>
    public static async Task<int> BulkAsync(string namesFile, string server, int concurrency, int rounds, string mode, int warmup)
    {
        var shared = mode switch
        {
            "shared" => true,
            "fresh" => false,
            _ => throw new ArgumentException($"mode '{mode}': expected shared (ShareUdpSockets) or fresh (one socket per query, the default)"),
        };
        var lines = File.ReadAllLines(namesFile).Where(l => l.Trim().Length > 0).ToList();
        var names = lines.Select(l => DnsName.Parse(l.Split(' ')[0])).ToList();
        var dnsServer = DnsServer.Parse(server);
        using var client = new DnsQueryClient(new DnsQueryOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 2, ShareUdpSockets = shared });
        var measured = new List<double>();
        double cold = 0;
        for (var round = 0; round < warmup + rounds; round++)
        {
            var outcomes = new Dictionary<string, int>();
            var attempts = 0;
            var clock = Stopwatch.StartNew();
            await foreach (var answer in DnsLookup.RunAsync(client, names, DnsRecordType.A, [dnsServer], concurrency))
            {
                outcomes[answer.Status] = outcomes.GetValueOrDefault(answer.Status) + 1;
                attempts += answer.Attempts.Count;
            }
            clock.Stop();
            var summary = string.Join(" ", outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
            var qps = names.Count / clock.Elapsed.TotalSeconds;
            if (round == 0) cold = qps;
            if (round >= warmup) measured.Add(qps);
            Console.WriteLine(string.Create(Inv,
                $"round {round}{(round < warmup ? " (warm-up)" : "")}: mode={mode} concurrency={concurrency} names={names.Count} wall_ms={clock.Elapsed.TotalMilliseconds:0} qps={qps:0} attempts={attempts} unattributed={client.UnattributedResponses} {summary}"));
        }
        measured.Sort();
        // First round = a fresh process (JIT tier 0); the median after the warm-up = the code once tiered up.
        Console.WriteLine(string.Create(Inv, $"summary mode={mode} cold_qps={cold:0} median_qps={measured[measured.Count / 2]:0} rounds={measured.Count}"));
        return 0;
    }

    /// <summary>The test suite's fuzz corpus, longer: <paramref name="count"/> messages from <paramref name="seed"/>.</summary>
    public static int Fuzz(int count, int seed)
    {
        var clock = Stopwatch.StartNew();
        var result = FuzzCorpus.Run(seed, count);
        Console.WriteLine(string.Create(Inv,
            $"fuzz seed={seed} messages={count} parsed={result.Parsed} rejected={result.Rejected} seconds={clock.Elapsed.TotalSeconds:0.0} unexpected={(result.Unexpected is null ? "none" : "YES")}"));
        if (result.Unexpected is not null) Console.WriteLine(result.Unexpected);
        return result.Unexpected is null ? 0 : 1;
    }
}
