using ConnDiag.Cli.Parsing;

namespace ConnDiag.Cli.Tests.Parsing;

public class ArgReaderTests
{
    private static List<Arg> ReadAll(params string[] args)
    {
        var reader = new ArgReader("tcp", args);
        var all = new List<Arg>();
        while (reader.TryNext(out var a)) all.Add(a);
        return all;
    }

    [Fact]
    public void Tells_options_from_positionals_and_splits_inline_values()
    {
        var args = ReadAll("host:80", "-p", "--timeout=2.5", "-", "--json");

        Assert.Equal(["host:80", "-p", "--timeout=2.5", "-", "--json"], args.Select(a => a.Text));
        Assert.Equal([false, true, true, false, true], args.Select(a => a.IsOption));
        Assert.Equal("--timeout", args[2].Name);
        Assert.Equal("2.5", args[2].InlineValue);
        Assert.Null(args[4].InlineValue);
    }

    [Fact]
    public void Everything_after_double_dash_is_positional()
    {
        var args = ReadAll("--json", "--", "--not-an-option", "-p");

        Assert.Equal(3, args.Count);
        Assert.False(args[1].IsOption);
        Assert.False(args[2].IsOption);
        Assert.Equal("--not-an-option", args[1].Text);
    }

    [Fact]
    public void A_value_is_the_next_token_whatever_it_looks_like()
    {
        var reader = new ArgReader("tcp", ["--timeout", "-1", "x"]);
        Assert.True(reader.TryNext(out var option));

        Assert.Equal("-1", reader.ValueOf(option));
        Assert.True(reader.TryNext(out var next));
        Assert.Equal("x", next.Text);
    }

    [Fact]
    public void A_missing_value_names_the_option()
    {
        var reader = new ArgReader("tcp", ["--throttle"]);
        Assert.True(reader.TryNext(out var option));

        var ex = Assert.Throws<UsageException>(() => reader.ValueOf(option));
        Assert.Equal("option '--throttle' needs a value", ex.Message);
    }

    [Fact]
    public void A_switch_rejects_an_inline_value()
    {
        var reader = new ArgReader("tcp", ["--json=1"]);
        Assert.True(reader.TryNext(out var option));

        var ex = Assert.Throws<UsageException>(() => ArgReader.NoValue(option));
        Assert.Contains("'--json' takes no value", ex.Message);
    }
}
