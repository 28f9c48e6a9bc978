using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Ports.Linux;

namespace ConnDiag.Core.Tests.Ports;

public class InodeOwnerScannerTests
{
    [LinuxFact]
    public void Stops_at_the_first_process_once_every_wanted_inode_is_found()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var inode = TestSockets.InodeOf(listener);
        var others = InodeOwnerScanner.AllPids().Where(p => p != Environment.ProcessId).ToList();
        Assert.NotEmpty(others);

        var result = InodeOwnerScanner.Scan(new HashSet<long> { inode }, [Environment.ProcessId, .. others], CancellationToken.None);

        Assert.Equal(Environment.ProcessId, Assert.Single(result.PidByInode, kv => kv.Key == inode).Value);
        Assert.Equal(1, result.ProcessesScanned);
    }

    [LinuxFact]
    public void Keeps_walking_while_an_inode_is_missing_and_skips_vanished_processes()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var inode = TestSockets.InodeOf(listener);
        const int NoSuchPid = int.MaxValue; // above pid_max: behaves like a process that exited mid-walk
        const long NoSuchInode = long.MaxValue;

        var result = InodeOwnerScanner.Scan(new HashSet<long> { inode, NoSuchInode }, [NoSuchPid, Environment.ProcessId, 1], CancellationToken.None);

        Assert.Equal(3, result.ProcessesScanned);
        Assert.Equal(Environment.ProcessId, Assert.Single(result.PidByInode).Value);
    }

    [LinuxFact]
    public void Managed_fallback_for_32_bit_processes_finds_the_same_owner()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var inode = TestSockets.InodeOf(listener);
        var found = new Dictionary<long, int>();

        Assert.True(InodeOwnerScanner.ScanProcessManaged(Environment.ProcessId, new HashSet<long> { inode }, found));
        Assert.Equal(Environment.ProcessId, found[inode]);
        Assert.False(InodeOwnerScanner.ScanProcessManaged(int.MaxValue, new HashSet<long> { inode }, []));
    }

    [LinuxFact]
    public void Pids_come_from_proc_lowest_first_and_include_this_process()
    {
        var pids = InodeOwnerScanner.AllPids();

        Assert.Contains(Environment.ProcessId, pids);
        Assert.Equal(pids.Order(), pids);
    }

    [Theory]
    [InlineData("socket:[12345]", 12345L)]
    [InlineData("socket:[0]", 0L)]
    [InlineData("pipe:[12345]", 0L)]
    [InlineData("/dev/null", 0L)]
    [InlineData("socket:[12a45]", 0L)]
    [InlineData("socket:[]", 0L)]
    [InlineData("socket:[99999999999999999999]", 0L)]
    public void Parses_only_socket_links(string link, long inode) =>
        Assert.Equal(inode, InodeOwnerScanner.ParseSocketLink(System.Text.Encoding.ASCII.GetBytes(link)));
}
