namespace ConnDiag.Cli.Parsing;

/// <summary>One command-line token: an option (with a value written inline as --name=value) or a positional.</summary>
internal readonly record struct Arg(string Text, bool IsOption, string Name, string? InlineValue);

/// <summary>
/// Walks a subcommand's arguments. Options are <c>-x</c>, <c>--name</c> or <c>--name=value</c>; a lone
/// <c>-</c> is a positional (stdin); everything after <c>--</c> is positional. The command decides which
/// options exist and whether they take a value, so unknown ones are reported with the command's name.
/// </summary>
internal sealed class ArgReader
{
    private readonly IReadOnlyList<string> _args;
    private readonly string _command;
    private int _next;
    private bool _onlyPositionals;

    public ArgReader(string command, IReadOnlyList<string> args)
    {
        _command = command;
        _args = args;
    }

    public bool TryNext(out Arg arg)
    {
        while (_next < _args.Count)
        {
            var text = _args[_next++];
            if (!_onlyPositionals && text == "--")
            {
                _onlyPositionals = true;
                continue;
            }
            if (_onlyPositionals || text.Length < 2 || text[0] != '-')
            {
                arg = new Arg(text, false, "", null);
                return true;
            }
            var eq = text.StartsWith("--", StringComparison.Ordinal) ? text.IndexOf('=', StringComparison.Ordinal) : -1;
            arg = eq > 2 ? new Arg(text, true, text[..eq], text[(eq + 1)..]) : new Arg(text, true, text, null);
            return true;
        }
        arg = default;
        return false;
    }

    /// <summary>The option's value: written inline (--name=value) or the next token, whatever it looks like.</summary>
    public string ValueOf(Arg option)
    {
        if (option.InlineValue is not null) return option.InlineValue;
        if (_next >= _args.Count) throw UsageException.MissingValue(option.Name);
        return _args[_next++];
    }

    /// <summary>Rejects a value given to a switch (--json=yes).</summary>
    public static void NoValue(Arg option)
    {
        if (option.InlineValue is not null) throw new UsageException($"option '{option.Name}' takes no value (got '{option.Text}')");
    }

    public UsageException Unknown(Arg option) => UsageException.UnknownOption(option.Name, _command);

    /// <summary>The flags every command takes: <c>--json</c> (no value) and <c>-h</c>/<c>--help</c>; false for any other.</summary>
    public static bool TryCommon(Arg option, ref bool json, ref bool help)
    {
        switch (option.Name)
        {
            case "--json":
                NoValue(option);
                json = true;
                return true;
            case "-h" or "--help":
                help = true;
                return true;
            default:
                return false;
        }
    }
}
