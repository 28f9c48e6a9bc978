using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Core.Tests.Services;

public class UnitSearchPathTests
{
    [Fact]
    public void Etc_wins_over_lib_and_drop_ins_from_every_directory_apply_in_file_name_order()
    {
        using var tree = new UnitTree();
        tree.Unit("web.service", "[Service]\nExecStart=/usr/bin/vendor\n", "usr/lib/systemd/system");
        var etc = tree.Unit("web.service", "[Service]\nExecStart=/usr/bin/admin\n");
        var lib20 = tree.DropIn("web.service", "20-port.conf", "[Service]\nEnvironment=PORT=1\n", "usr/lib/systemd/system");
        tree.DropIn("web.service", "10-limits.conf", "[Service]\nLimitNOFILE=1024\n", "lib/systemd/system");
        var etc10 = tree.DropIn("web.service", "10-limits.conf", "[Service]\nLimitNOFILE=65536\n");
        var run30 = tree.DropIn("web.service", "30-user.conf", "[Service]\nUser=ccr\n", "run/systemd/system");
        tree.DropIn("web.service", "README", "not a conf file");

        var unit = UnitLoader.LoadByName(new UnitSearchPath(tree.Root), "web")!;

        Assert.Equal("web.service", unit.Name);
        Assert.Equal(etc, unit.Path);
        Assert.Equal([etc10, lib20, run30], unit.DropIns);
        Assert.Equal("65536", unit.Last("Service", "LimitNOFILE")!.Value);
        Assert.Equal(etc10 + ":2", unit.Last("Service", "LimitNOFILE")!.Location);
    }

    [Fact]
    public void A_template_instance_reads_the_template_and_both_drop_in_directories()
    {
        using var tree = new UnitTree();
        var template = tree.Unit("worker@.service", "[Service]\nExecStart=/bin/worker %i\n");
        tree.DropIn("worker@.service", "a.conf", "[Service]\nUser=ccr\n");
        tree.DropIn("worker@blue.service", "b.conf", "[Service]\nRestart=always\n");

        var unit = UnitLoader.LoadByName(new UnitSearchPath(tree.Root), "worker@blue.service")!;

        Assert.Equal(template, unit.Path);
        Assert.Equal(["a.conf", "b.conf"], unit.DropIns.Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_unit_is_null_and_bad_names_are_input_errors()
    {
        using var tree = new UnitTree();
        Assert.Null(UnitLoader.LoadByName(new UnitSearchPath(tree.Root), "nothere"));
        Assert.Equal(UnitInputProblem.InvalidName, Assert.Throws<UnitInputException>(() => UnitLoader.NormalizeName("../etc/passwd")).Problem);
        Assert.Contains("not a service unit", Assert.Throws<UnitInputException>(() => UnitLoader.NormalizeName("network-online.target")).Message);
        Assert.Equal("ccr.service", UnitLoader.NormalizeName("ccr"));
    }

    [Fact]
    public void Binary_and_oversized_files_are_refused_with_their_path_and_line()
    {
        using var tree = new UnitTree();
        var binary = tree.Write("x.service", "[Service]\nExecStart=/bin/true\n\0\0garbage");
        var ex = Assert.Throws<UnitInputException>(() => UnitLoader.LoadFromPath(binary));
        Assert.Equal(UnitInputProblem.Binary, ex.Problem);
        Assert.StartsWith(binary + ":3: contains a NUL byte", ex.Message);

        var big = Path.Combine(tree.Root, "big.service");
        File.WriteAllText(big, "[Service]\n# " + new string('x', 5 * 1024 * 1024));
        Assert.Equal(UnitInputProblem.TooLarge, Assert.Throws<UnitInputException>(() => UnitLoader.LoadFromPath(big)).Problem);

        var latin1 = Path.Combine(tree.Root, "latin1.service");
        File.WriteAllBytes(latin1, [.. "[Unit]\nDescription=caf"u8.ToArray(), 0xE9, (byte)'\n']);
        Assert.StartsWith(latin1 + ":2: is not UTF-8", Assert.Throws<UnitInputException>(() => UnitLoader.LoadFromPath(latin1)).Message);

        Assert.Equal(UnitInputProblem.NotFound, Assert.Throws<UnitInputException>(() => UnitLoader.LoadFromPath(Path.Combine(tree.Root, "none.service"))).Problem);
        Assert.Equal(UnitInputProblem.IsDirectory, Assert.Throws<UnitInputException>(() => UnitLoader.LoadFromPath(tree.Root)).Problem);
    }
}
