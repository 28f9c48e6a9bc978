using System.Net;
using ConnDiag.Dns;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>The stop-gap nameserver reader: order, the glibc limit of three, and a reason whenever it finds none.</summary>
public sealed class TemporaryResolvConfServersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-resolv-").FullName;

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "resolv.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_nameserver_lines_in_order_and_keeps_at_most_three()
    {
        var path = Write("""
            # generated
            search example.internal
            nameserver 127.0.0.53
            ; comment
            nameserver   ::1
            nameserver\t198.18.0.1
            nameserver 198.18.0.2
            options edns0 trust-ad
            """.Replace("\\t", "\t", StringComparison.Ordinal));

        var servers = TemporaryResolvConfServers.Read(out var why, path);

        Assert.Null(why);
        Assert.Equal(["127.0.0.53:53", "[::1]:53", "198.18.0.1:53"], servers.Select(s => s.Text));
        Assert.Equal(IPAddress.Parse("127.0.0.53"), servers[0].EndPoint!.Address);
    }

    [Fact]
    public void No_nameserver_line_gives_a_reason_and_no_servers()
    {
        var path = Write("search example.internal\n#nameserver 1.1.1.1\nnameserver not-an-address\n");

        var servers = TemporaryResolvConfServers.Read(out var why, path);

        Assert.Empty(servers);
        Assert.Contains("has no nameserver line", why);
    }

    [Fact]
    public void A_missing_file_gives_a_reason_and_no_servers()
    {
        var servers = TemporaryResolvConfServers.Read(out var why, Path.Combine(_dir, "absent.conf"));

        Assert.Empty(servers);
        Assert.Contains("does not exist", why);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
