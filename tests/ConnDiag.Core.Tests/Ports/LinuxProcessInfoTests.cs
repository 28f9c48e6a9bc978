using System.Text;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Ports.Linux;

namespace ConnDiag.Core.Tests.Ports;

public class LinuxProcessInfoTests
{
    [Theory]
    [InlineData("node", "node\0server.js\0", "node")]
    [InlineData("claude-code-rou", "/usr/lib/node/claude-code-router\0start\0", "claude-code-router")]
    [InlineData("claude-code-rou", "node\0/usr/bin/ccr\0", "claude-code-rou")]
    [InlineData("", "x\0", null)]
    public void Name_is_comm_unless_argv0_continues_a_truncated_comm(string comm, string cmdline, string? name) =>
        Assert.Equal(name, LinuxProcessInfo.NameOf(comm, Encoding.UTF8.GetBytes(cmdline)));

    [Fact]
    public void Command_line_joins_arguments_and_caps_its_length()
    {
        Assert.Equal("python3 -m http.server --bind 127.0.0.1 8000",
            LinuxProcessInfo.CommandLineOf(Encoding.UTF8.GetBytes("python3\0-m\0http.server\0--bind\0127.0.0.1\08000\0")));
        Assert.Null(LinuxProcessInfo.CommandLineOf([]));
        var capped = LinuxProcessInfo.CommandLineOf(new byte[LinuxProcessInfo.MaxCommandLineBytes].Select(_ => (byte)'a').ToArray());
        Assert.EndsWith("…", capped);
    }

    [Fact]
    public void Effective_uid_is_the_second_uid_field()
    {
        Assert.Equal(1000u, LinuxProcessInfo.EffectiveUidOf("Name:\tx\nUid:\t0\t1000\t1000\t1000\nGid:\t0\t0\t0\t0\n"));
        Assert.Null(LinuxProcessInfo.EffectiveUidOf("Name:\tx\n"));
    }

    [LinuxFact]
    public void Reads_this_process()
    {
        var me = LinuxProcessInfo.Read(Environment.ProcessId);
        using var process = System.Diagnostics.Process.GetCurrentProcess();

        Assert.Equal(process.ProcessName, me.Name);
        Assert.Contains(Path.GetFileName(Environment.GetCommandLineArgs()[0]), me.CommandLine);
        Assert.Equal(Environment.UserName, PasswdUsers.NameOf(me.Uid!.Value));
    }

    [Fact]
    public void Passwd_maps_uids_to_the_first_name_and_skips_junk()
    {
        var names = PasswdUsers.Parse("root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/:/bin/sh\n#comment\nbob:x:1000:1000::/home/bob:/bin/sh\nbroken\n");

        Assert.Equal("root", names[0]);
        Assert.Equal("bob", names[1000]);
        Assert.Equal(2, names.Count);
    }
}
