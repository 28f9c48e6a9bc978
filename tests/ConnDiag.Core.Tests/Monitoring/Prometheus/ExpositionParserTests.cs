namespace ConnDiag.Core.Tests.Monitoring.Prometheus;

/// <summary>The strict reader must itself reject what the textfile collector rejects, or the tests built on it prove nothing.</summary>
public class ExpositionParserTests
{
    private const string Good = "# HELP conndiag_x_seconds x\n# TYPE conndiag_x_seconds gauge\nconndiag_x_seconds{a=\"q\\\"\\\\\\n\"} 1.5\n";

    [Fact]
    public void Reads_a_valid_family_with_escaped_label_values()
    {
        var s = Assert.Single(Exposition.Parse(Good));
        Assert.Equal(("conndiag_x_seconds", "q\"\\\n", 1.5), (s.Name, s["a"], s.Value));
    }

    [Theory]
    [InlineData("# HELP conndiag_x x\n# TYPE conndiag_x gauge\nconndiag_x 1 1700000000000\n", "timestamp")]
    [InlineData("# HELP conndiag_x x\n# TYPE conndiag_x gauge\nconndiag_x{a=\"1\"} 1\nconndiag_x{a=\"1\"} 2\n", "duplicate series")]
    [InlineData("# HELP conndiag_x x\n# TYPE conndiag_x gauge\nconndiag_x 1\n# HELP conndiag_y y\n# TYPE conndiag_y gauge\nconndiag_y 1\nconndiag_x{a=\"2\"} 1\n", "outside its family")]
    [InlineData("# HELP conndiag_x x\n# TYPE conndiag_x gauge\nconndiag_x NaN\n", "finite")]
    [InlineData("# HELP conndiag_x_total x\n# TYPE conndiag_x_total gauge\nconndiag_x_total 1\n", "_total")]
    [InlineData("# HELP conndiag_x x\n# TYPE conndiag_x gauge\nconndiag_x{a=\"\\t\"} 1\n", "undefined escape")]
    public void Rejects_what_the_textfile_collector_would(string text, string reason)
    {
        var ex = Assert.ThrowsAny<Exception>(() => Exposition.Parse(text));
        Assert.Contains(reason, ex.Message);
    }
}
