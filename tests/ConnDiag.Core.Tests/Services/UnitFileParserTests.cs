using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Core.Tests.Services;

public class UnitFileParserTests
{
    private const string File = "/etc/systemd/system/x.service";

    [Fact]
    public void Sections_keys_values_and_lines_are_kept()
    {
        var (settings, problems) = UnitFileParser.Parse("[Unit]\nDescription = My service \n\n[Service]\nExecStart=/usr/bin/x --port 1\n", File);
        Assert.Empty(problems);
        Assert.Equal(2, settings.Count);
        Assert.Equal(new UnitSetting("Unit", "Description", "My service", File, 2), settings[0]);
        Assert.Equal(new UnitSetting("Service", "ExecStart", "/usr/bin/x --port 1", File, 5), settings[1]);
        Assert.Equal(File + ":5", settings[1].Location);
    }

    [Fact]
    public void Hash_and_semicolon_lines_are_comments_but_not_inside_a_value()
    {
        var (settings, problems) = UnitFileParser.Parse("# a\n; b\n[Service]\n  # indented comment\nEnvironment=A=1 # not a comment\n", File);
        Assert.Empty(problems);
        Assert.Equal("A=1 # not a comment", Assert.Single(settings).Value);
    }

    [Fact]
    public void A_trailing_backslash_joins_lines_with_a_space_and_skips_comment_lines_inside()
    {
        var text = "[Service]\nExecStart=/usr/bin/node \\\n    server.js \\\n# a comment in the middle\n    --port 3456\nUser=ccr\r\n";
        var (settings, problems) = UnitFileParser.Parse(text, File);
        Assert.Empty(problems);
        Assert.Equal(new UnitSetting("Service", "ExecStart", "/usr/bin/node  server.js  --port 3456", File, 2), settings[0]);
        Assert.Equal(new UnitSetting("Service", "User", "ccr", File, 6), settings[1]);
    }

    [Fact]
    public void Garbage_lines_are_problems_naming_file_and_line_and_parsing_goes_on()
    {
        var (settings, problems) = UnitFileParser.Parse("Orphan=1\n[Service\n[Service]\nthis is not a setting\n=novalue\nUser=ccr\n", File);
        Assert.Equal(["Service/User=ccr"], settings.Select(s => $"{s.Section}/{s.Key}={s.Value}"));
        Assert.Equal([1, 2, 4, 5], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal(File, p.File));
        Assert.Contains("outside any [Section]", problems[0].Message);
        Assert.Contains("invalid section header '[Service'", problems[1].Message);
        Assert.Contains("'this is not a setting' has no '='", problems[2].Message);
        Assert.Contains("no key", problems[3].Message);
        Assert.StartsWith(File + ":4: ", problems[2].ToString());
    }

    [Fact]
    public void Repeated_list_keys_accumulate_and_an_empty_assignment_resets_them()
    {
        var (settings, _) = UnitFileParser.Parse("[Unit]\nAfter=a.target b.target\nAfter=c.target\n[Service]\nExecStart=/bin/one\nExecStart=\nExecStart=/bin/two\nRestart=always\nRestart=\n", File);
        var unit = new SystemdUnit("x.service", File, [], settings, []);
        Assert.Equal(["a.target", "b.target", "c.target"], unit.Words("Unit", "After").Select(w => w.Word));
        var exec = Assert.Single(unit.List("Service", "ExecStart"));
        Assert.Equal(("/bin/two", 7), (exec.Value, exec.Line));
        Assert.Null(unit.Last("Service", "Restart"));
    }

    [Fact]
    public void A_continuation_past_systemds_line_limit_is_one_problem_and_the_next_line_still_counts()
    {
        // 3 MiB of "x \" lines: one logical line three times systemd's 1 MiB limit.
        var text = new System.Text.StringBuilder("[Service]\nExecStart=/bin/true \\\n");
        for (var i = 0; i < 1024 * 1024; i++) text.Append("x \\\n");
        text.Append("end\nUser=ccr\n");

        var (settings, problems) = UnitFileParser.Parse(text.ToString(), File);

        var p = Assert.Single(problems);
        Assert.Equal(2, p.Line);
        Assert.Contains("longer than 1048576 characters", p.Message);
        Assert.Equal(["User"], settings.Select(s => s.Key));
    }
}
