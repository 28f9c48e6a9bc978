using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Services.Exec;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Core.Tests.Services;

public class EnvironmentTests
{
    [Fact]
    public void Environment_words_are_quoted_pairs_and_files_override_them_in_order()
    {
        using var tree = new UnitTree();
        var envFile = tree.Write("etc/default/ccr", "# defaults\n; also a comment\nPORT=4000\nHOST = \"127.0.0.1\"\nGREETING='hello   world'\nLONG=a\\\nb\nnot an assignment\n");
        var unitPath = tree.Unit("ccr.service",
            $"[Service]\nEnvironment=\"LOG=debug info\" PORT=3456 NAME=ccr\nEnvironment=BAD-NAME=1\nEnvironmentFile={envFile}\nEnvironmentFile=-/nonexistent/optional.env\nExecStart=/bin/true\n");
        var unit = UnitLoader.LoadFromPath(unitPath);

        var env = UnitEnvironment.Read(unit);

        Assert.Equal("debug info", env.Variables["LOG"].Value);
        Assert.Equal(("4000", envFile + ":3"), (env.Variables["PORT"].Value, env.Variables["PORT"].Source));
        Assert.Equal("127.0.0.1", env.Variables["HOST"].Value);
        Assert.Equal("hello   world", env.Variables["GREETING"].Value);
        Assert.Equal("ab", env.Variables["LONG"].Value);
        Assert.Equal(unitPath + ":2", env.Variables["NAME"].Source);
        Assert.False(env.Variables.ContainsKey("BAD-NAME"));
        Assert.Contains(env.Problems, p => p.Line == 3 && p.Message.Contains("BAD-NAME=1"));
        Assert.Contains(env.Problems, p => p.File == envFile && p.Line == 8);
        Assert.Equal([(envFile, false, true), ("/nonexistent/optional.env", true, false)], env.Files.Select(f => (f.Path, f.Optional, f.Exists)));
    }

    [Fact]
    public void An_empty_Environment_assignment_drops_the_earlier_ones()
    {
        using var tree = new UnitTree();
        var unit = UnitLoader.LoadFromPath(tree.Unit("a.service", "[Service]\nEnvironment=A=1 B=2\nEnvironment=\nEnvironment=C=3\n"));
        Assert.Equal(["C"], UnitEnvironment.Read(unit).Variables.Keys);
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("PORT", false)]
    [InlineData("HOST", false)]
    public void Secret_looking_names_are_recognised(string name, bool secret) => Assert.Equal(secret, UnitEnvironment.LooksSecret(name));
}
