using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Ports;

// bench harness:
//   hold LISTENERS PAIRS PORTFILE   open LISTENERS loopback listeners and PAIRS connected pairs, write one
//                                   listener port to PORTFILE, then wait until stdin closes
//   owner PORT RUNS                 median wall time of one in-process port-owner lookup (after 3 warm-ups)
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
    default:
        Console.Error.WriteLine("usage: ConnDiag.Bench hold LISTENERS PAIRS PORTFILE | owner PORT RUNS");
        return 2;
}
