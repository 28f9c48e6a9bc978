using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Ports;

// bench harness:
//   hold LISTENERS PAIRS PORTFILE   open LISTENERS loopback listeners and PAIRS connected pairs, write one
//                                   listener port to PORTFILE, then wait until stdin closes
//   owner PORT RUNS                 median wall time of one in-process port-owner lookup (after 3 warm-ups)
//   firewall NETNS RUNS [BACKEND]   in-process read of a namespace's nftables + iptables rules: cold, then median (bench/firewall.sh)
//   dnscodec ITERATIONS             DNS message parses per second and bytes allocated per parse
//   dnsbulk NAMES SERVER CONC ROUNDS [shared|fresh [WARMUP]]  resolve every name at SERVER, CONC lookups in flight (bench/dns.sh)
//   dnsfuzz COUNT SEED              the DNS reader fuzz corpus, longer than the CI test
//   endpoint URLS CA_BUNDLE THROTTLE [RUNS]  in-process layered diagnoses of every URL (rounds), then RUNS warm
//                                   diagnoses of the first URL alone (bench/endpoint.sh)
var inv = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "hold":
    {
        int listeners = int.Parse(args[1], inv), pairs = int.Parse(args[2], inv);
        var held = new List<Socket>();
        for (var i = 0; i < listeners; i++)
        {
            var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            l.Listen(512);
            held.Add(l);
        }
        var server = held[0];
        for (var i = 0; i < pairs; i++)
        {
            var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            c.Connect(server.LocalEndPoint!);
            held.Add(c);
            held.Add(server.Accept());
        }
        // The port looked up is the last listener opened: not the first socket in any table.
        File.WriteAllText(args[3], ((IPEndPoint)held[listeners - 1].LocalEndPoint!).Port.ToString(inv));
        Console.WriteLine($"holding {held.Count} sockets in PID {Environment.ProcessId}");
        Console.In.ReadToEnd();
        foreach (var s in held) s.Dispose();
        return 0;
    }
    case "owner":
    {
        int port = int.Parse(args[1], inv), runs = int.Parse(args[2], inv);
        var query = PortOwnerQuery.Listeners(port);
        var samples = new List<double>();
        IReadOnlyList<PortOwner> found = [];
        for (var i = 0; i < runs + 3; i++)
        {
            var sw = Stopwatch.StartNew();
            found = await PortOwnerFinder.FindAsync(query);
            sw.Stop();
            if (i >= 3) samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        var owner = found.FirstOrDefault();
        Console.WriteLine(string.Create(inv, $"median_ms={samples[samples.Count / 2]:0.000} min_ms={samples[0]:0.000} runs={runs} owner_pid={owner?.Id} owner={owner?.ProcessName}"));
        return owner?.Id is null ? 1 : 0;
    }
    case "firewall":
    {
        // In-process read + parse + merge of a namespace's ruleset: the first (cold) run, then the median of RUNS.
        var ns = args[1];
        int runs = int.Parse(args[2], inv);
        var finder = new ConnDiag.Firewall.FirewallRuleFinder();
        var backends = args.Length > 3 ? [Enum.Parse<ConnDiag.Firewall.FirewallBackend>(args[3], ignoreCase: true)] : (ConnDiag.Firewall.FirewallBackend[]?)null;
        var query = new ConnDiag.Firewall.FirewallQuery(NetworkNamespace: ns, Backends: backends);
        var samples = new List<double>();
        var count = 0;
        for (var i = 0; i <= runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var read = await finder.ReadAllAsync(query);
            sw.Stop();
            count = read.Rules.Count;
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        var cold = samples[0];
        samples.RemoveAt(0);
        samples.Sort();
        Console.WriteLine(string.Create(inv, $"cold_ms={cold:0.0} median_ms={samples[samples.Count / 2]:0.0} min_ms={samples[0]:0.0} runs={runs} rules={count}"));
        return count > 0 ? 0 : 1;
    }
    case "sweep":
    {
        // In-process sweep without output: separates engine cost from CLI rendering.
        var targets = File.ReadAllLines(args[1]).Select(l => { ConnDiag.Model.Target.TryParse(l, null, out var t, out _); return t!; }).ToList();
        int throttle = int.Parse(args[2], inv);
        var local = args.Length < 4 || args[3] != "nolocal";
        var probe = local ? ConnDiag.Tcp.TcpProbe.CreateDefault() : new ConnDiag.Tcp.TcpProbe();
        var options = new ConnDiag.Tcp.TcpProbeOptions(TimeSpan.FromSeconds(1), CheckLocalOwners: local);
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            var n = 0;
            await foreach (var r in ConnDiag.Tcp.TcpSweep.RunAsync(probe, targets, options, throttle)) n++;
            Console.WriteLine(string.Create(inv, $"round {round}: {n} targets in {sw.Elapsed.TotalMilliseconds:0} ms (local explanations {(local ? "on" : "off")})"));
        }
        return 0;
    }
    case "connect":
    {
        // Raw connect cost: the engine's connector vs a bare Socket.ConnectAsync, same endpoints, same concurrency.
        var eps = File.ReadAllLines(args[1]).Select(l => { ConnDiag.Model.Target.TryParse(l, null, out var t, out _); return new IPEndPoint(IPAddress.Parse(t!.Host), t.Port); }).ToList();
        int conc = int.Parse(args[2], inv);
        async Task<double> Run(Func<IPEndPoint, Task> one)
        {
            var sw = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, conc).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < eps.Count) await one(eps[i]);
            }));
            return sw.Elapsed.TotalMilliseconds;
        }
        for (var round = 0; round < 3; round++)
        {
            var engine = await Run(ep => ConnDiag.Tcp.TcpConnector.Instance.ConnectAsync(ep, TimeSpan.FromSeconds(1), CancellationToken.None));
            var bare = await Run(async ep =>
            {
                using var s = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try { await s.ConnectAsync(ep); s.LingerState = new LingerOption(true, 0); } catch (SocketException) { }
            });
            var cts = await Run(async ep =>
            {
                using var s = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                using var c = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try { await s.ConnectAsync(ep, c.Token); s.LingerState = new LingerOption(true, 0); } catch (SocketException) { }
            });
            Console.WriteLine(string.Create(inv, $"round {round}: engine connector {engine:0} ms, bare {bare:0} ms, bare+timeout {cts:0} ms ({eps.Count} endpoints)"));
        }
        return 0;
    }
    case "fdcheck":
    {
        int Fds() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
        var closed = new IPEndPoint(IPAddress.Loopback, 1);
        using var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        l.Bind(new IPEndPoint(IPAddress.Loopback, 0)); l.Listen(1000);
        var open = (IPEndPoint)l.LocalEndPoint!;
        await ConnDiag.Tcp.TcpConnector.Instance.ConnectAsync(closed, TimeSpan.FromSeconds(1), default);
        var before = Fds();
        for (var i = 0; i < 200; i++) await ConnDiag.Tcp.TcpConnector.Instance.ConnectAsync(closed, TimeSpan.FromSeconds(1), default);
        var afterClosed = Fds();
        for (var i = 0; i < 200; i++) { var a = await ConnDiag.Tcp.TcpConnector.Instance.ConnectAsync(open, TimeSpan.FromSeconds(1), default); }
        var afterOpen = Fds();
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        Console.WriteLine($"before {before} afterClosed {afterClosed} afterOpen {afterOpen} afterGC {Fds()}");
        return 0;
    }
    case "dnscodec":
        return ConnDiag.Bench.Dns.DnsBench.Codec(int.Parse(args[1], inv));
    case "dnsbulk":
        return await ConnDiag.Bench.Dns.DnsBench.BulkAsync(args[1], args[2], int.Parse(args[3], inv), int.Parse(args[4], inv), args.Length > 5 ? args[5] : "fresh", args.Length > 6 ? int.Parse(args[6], inv) : 0);
    case "dnsfuzz":
        return ConnDiag.Bench.Dns.DnsBench.Fuzz(int.Parse(args[1], inv), int.Parse(args[2], inv));
    case "tls":
    {
        // In-process TLS sweep, several rounds: round 0 pays the one-time costs (JIT, the platform's
        // certificate-store load), later rounds show the engine's cost per endpoint.
        var targets = File.ReadAllLines(args[1]).Select(l => { ConnDiag.Model.Target.TryParse(l, null, out var t, out _); return t!; }).ToList();
        var trust = ConnDiag.Tls.TlsTrust.FromBundle(args[2], ConnDiag.Tls.CaBundleMode.Replace);
        int throttle = int.Parse(args[3], inv);
        var checks = args.Length < 5 || args[4] != "nochecks";
        var options = new ConnDiag.Tls.TlsProbeOptions(TimeSpan.FromSeconds(10), new ConnDiag.Tls.TlsChainOptions { Trust = trust }, "localhost", CheckProtocolSupport: checks);
        var probe = new ConnDiag.Tls.TlsProbe();
        for (var round = 0; round < 4; round++)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            int n = 0, clean = 0;
            await foreach (var r in ConnDiag.Tls.TlsSweep.RunAsync(probe, targets, options, throttle))
            {
                n++;
                if (r.Findings.Count == 0) clean++;
            }
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(inv, $"round {round}: {n} endpoints ({clean} clean) in {sw.Elapsed.TotalMilliseconds:0} ms, {used.TotalMilliseconds:0} ms CPU (protocol checks {(checks ? "on" : "off")})"));
        }
        return 0;
    }
    case "endpoint":
    {
        // Round 0 pays JIT, the certificate-store load and the resolver configuration read; later rounds are the
        // engine's steady cost. Then one URL alone, warm: the per-target overhead to set against curl's time_total.
        var targets = File.ReadAllLines(args[1]).Where(l => l.Length > 0).Select(ConnDiag.Diagnosis.EndpointTarget.Parse).ToList();
        var settings = new ConnDiag.Diagnosis.EndpointSettings { CaBundle = args[2], WarnMs = 60_000, CriticalMs = 60_000, Proxy = "" };
        var options = settings.Build();
        int throttle = int.Parse(args[3], inv), runs = args.Length > 4 ? int.Parse(args[4], inv) : 20;
        var diagnoser = new ConnDiag.Diagnosis.EndpointDiagnoser();
        for (var round = 0; round < 4; round++)
        {
            var sw = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            int n = 0, pass = 0;
            await foreach (var r in ConnDiag.Diagnosis.EndpointSweep.RunAsync(diagnoser, targets, options, throttle))
            {
                n++;
                if (r.Report.Outcome == ConnDiag.Model.Outcome.Pass) pass++;
            }
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(inv, $"round {round}: {n} endpoints ({pass} pass) in {sw.Elapsed.TotalMilliseconds:0} ms, {used.TotalMilliseconds:0} ms CPU"));
        }
        var walls = new List<double>();
        var http = new List<double>();
        var stages = new Dictionary<string, List<double>>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = await diagnoser.DiagnoseAsync(targets[0], options);
            walls.Add(sw.Elapsed.TotalMilliseconds);
            if (r.StageNamed("http")?.Evidence is ConnDiag.Http.HttpProbeResult h) http.Add(h.Final.Phases.TotalMs);
            foreach (var st in r.Stages)
            {
                if (!stages.TryGetValue(st.Stage, out var list)) stages[st.Stage] = list = [];
                list.Add(st.DurationMs);
            }
        }
        walls.Sort();
        http.Sort();
        Console.WriteLine(string.Create(inv, $"single: median {walls[walls.Count / 2]:0.00} ms per diagnosis (all stages), http exchange {http[http.Count / 2]:0.00} ms, runs={runs}"));
        Console.WriteLine("stages (median ms): " + string.Join(", ", stages.Select(kv => string.Create(inv, $"{kv.Key} {kv.Value.Order().ElementAt(kv.Value.Count / 2):0.00}"))));
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: ConnDiag.Bench hold LISTENERS PAIRS PORTFILE | owner PORT RUNS | dnscodec ITERATIONS | dnsbulk NAMESFILE SERVER CONCURRENCY ROUNDS [shared|fresh [WARMUP]] | dnsfuzz COUNT SEED | tls TARGETS CA_BUNDLE THROTTLE [nochecks] | endpoint URLS CA_BUNDLE THROTTLE [RUNS]");
        return 2;
}
