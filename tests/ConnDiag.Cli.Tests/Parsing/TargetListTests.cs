using ConnDiag.Cli.Parsing;
using ConnDiag.Model;

namespace ConnDiag.Cli.Tests.Parsing;

public class TargetListTests
{
    private static List<Target> FromStdin(string text, params int[] ports) =>
        TargetList.Build([new TargetSource.Stdin()], ports, () => new StringReader(text));

    [Fact]
    public void A_target_with_its_own_port_ignores_the_port_list_and_a_bare_host_takes_every_port()
    {
        var targets = TargetList.Build([new TargetSource.Text("a:1"), new TargetSource.Text("b")], [80, 443], () => TextReader.Null);

        Assert.Equal([new Target("a", 1), new Target("b", 80), new Target("b", 443)], targets);
    }

    [Fact]
    public void Lines_skip_blanks_and_comments_and_accept_any_line_ending()
    {
        var targets = FromStdin("# header\r\na:1\r\n\n  b:2  # trailing\rc:3");

        Assert.Equal([new Target("a", 1), new Target("b", 2), new Target("c", 3)], targets);
    }

    [Theory]
    [InlineData("# all", "")]
    [InlineData("a:1 # note", "a:1 ")]
    [InlineData("http://h:80/#frag", "http://h:80/#frag")]
    [InlineData("http://h:80/ #x", "http://h:80/ ")]
    public void A_hash_starts_a_comment_only_at_line_start_or_after_whitespace(string line, string kept)
    {
        Assert.Equal(kept, TargetList.StripComment(line));
    }

    [Fact]
    public void Errors_in_a_list_name_the_source_and_the_line_number()
    {
        var ex = Assert.Throws<UsageException>(() => FromStdin("a:1\n\n# c\nhost:99999\n"));

        Assert.Equal("stdin:4: invalid target 'host:99999': port '99999' is not a number in 1-65535", ex.Message);
    }

    [Fact]
    public void A_file_line_without_a_port_says_how_to_give_one()
    {
        var ex = Assert.Throws<UsageException>(() =>
            TargetList.Build([new TargetSource.File("list.txt")], [], () => TextReader.Null, _ => new StringReader("a:1\nhost\n")));

        Assert.Equal("list.txt:2: invalid target 'host': no port: write HOST:PORT or give --port", ex.Message);
    }

    [Fact]
    public void Stdin_is_read_once()
    {
        var ex = Assert.Throws<UsageException>(() =>
            TargetList.Build([new TargetSource.Stdin(), new TargetSource.Stdin()], [], () => new StringReader("a:1")));

        Assert.Contains("stdin", ex.Message);
    }

    [Fact]
    public void An_overlong_line_stops_at_the_cap()
    {
        var ex = Assert.Throws<UsageException>(() => FromStdin("a:1\n" + new string('x', TargetList.MaxLineLength + 1)));

        Assert.StartsWith("stdin:2: line is longer than", ex.Message);
    }

    [Fact]
    public void A_line_of_exactly_the_cap_reaches_the_target_parser()
    {
        var ex = Assert.Throws<UsageException>(() => FromStdin(new string('x', TargetList.MaxLineLength - 2) + ":1\n"));

        Assert.Contains("host name is", ex.Message);
    }

    [Fact]
    public void Input_cut_short_by_Ctrl_C_is_a_cancel_not_an_empty_list()
    {
        // Ctrl+C can make a blocking read of stdin return as if at end of input.
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            TargetList.Build([new TargetSource.Stdin()], [], () => new StringReader(""), cancellationToken: cts.Token));
    }
}
