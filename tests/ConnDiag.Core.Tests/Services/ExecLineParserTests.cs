using ConnDiag.Services.Exec;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Core.Tests.Services;

public class ExecLineParserTests
{
    private static readonly Dictionary<string, EnvironmentVariable> Env = new()
    {
        ["PORT"] = new("PORT", "3456", "f:1"),
        ["OPTS"] = new("OPTS", "--log-level  debug --quiet", "f:2"),
        ["HOST"] = new("HOST", "0.0.0.0", "f:3"),
    };

    private static ExecCommand Parse(string value, string? expectError = null)
    {
        var command = ExecLineParser.Parse(new UnitSetting("Service", "ExecStart", value, "/u.service", 4), "ccr@main.service", Env, out var error);
        if (expectError is not null)
        {
            Assert.Null(command);
            Assert.Contains(expectError, error);
            return null!;
        }
        Assert.True(command is not null, error);
        return command!;
    }

    [Fact]
    public void Prefixes_are_read_and_the_first_word_is_the_program()
    {
        var c = Parse("-+/usr/bin/node server.js");
        Assert.Equal(("/usr/bin/node", true, true, false, false), (c.Program, c.IgnoreFailure, c.Privileged, c.ArgvZero, c.NoExpansion));
        Assert.Equal(["server.js"], c.Arguments);

        var at = Parse("@/usr/bin/python3 my-daemon -m http.server");
        Assert.True(at.ArgvZero);
        Assert.Equal("/usr/bin/python3", at.Program);
        Assert.Equal(["-m", "http.server"], at.Arguments);

        Assert.True(Parse("!!/bin/true").Privileged);
    }

    [Fact]
    public void Quotes_and_C_escapes_follow_systemd_syntax()
    {
        var c = Parse("/bin/echo \"two words\" 'single $PORT' a\\sb \"tab\\there\" \\x41\\101 pre\"fix\"");
        Assert.Equal(["two words", "single $PORT", "a b", "tab\there", "AA", "prefix"], c.Arguments);
    }

    [Fact]
    public void Dollar_word_splits_braces_substitute_in_place_and_double_dollar_is_literal()
    {
        var c = Parse("/usr/bin/app --port=${PORT} $OPTS --host ${HOST} $$HOME $UNSET end");
        Assert.Equal(["--port=3456", "--log-level", "debug", "--quiet", "--host", "0.0.0.0", "$HOME", "end"], c.Arguments);
    }

    [Fact]
    public void Colon_prefix_turns_expansion_off_and_specifiers_name_the_unit()
    {
        Assert.Equal(["$PORT", "main", "ccr", "ccr@main.service", "100%"], Parse(":/bin/echo $PORT %i %p %n 100%%").Arguments);
    }

    [Fact]
    public void Unbalanced_quotes_bad_escapes_and_empty_commands_are_errors()
    {
        Parse("/bin/echo \"open", "unbalanced double quote at column 11");
        Parse("/bin/echo 'open", "unbalanced single quote");
        Parse("/bin/echo \\q", "invalid escape sequence '\\q'");
        Parse("-", "has no program");
        Parse("@/bin/sh", "'@' needs the program and argv[0]");
    }
}
