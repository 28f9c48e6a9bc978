using System.Text;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services.Exec;

/// <summary>Parses ExecStart=-style values: prefixes, specifiers, quoting and environment expansion.</summary>
public static class ExecLineParser
{
    /// <summary>The command, or null with <paramref name="error"/> saying why systemd would refuse it.</summary>
    public static ExecCommand? Parse(UnitSetting setting, string unitName, IReadOnlyDictionary<string, EnvironmentVariable> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var text = setting.Value;
        bool ignore = false, argv0 = false, noExpand = false, privileged = false;
        var i = 0;
        for (; i < text.Length && text[i] is '-' or '@' or ':' or '+' or '!'; i++)
        {
            switch (text[i])
            {
                case '-': ignore = true; break;
                case '@': argv0 = true; break;
                case ':': noExpand = true; break;
                default: privileged = true; break;
            }
        }
        if (!SystemdWords.TrySplit(Specifiers(text[i..], unitName), out var words, out error)) return null;
        if (words.Count == 0 || (argv0 && words.Count < 2))
        {
            error = words.Count == 0 ? "the command line has no program" : "'@' needs the program and argv[0] after it";
            return null;
        }
        var program = words[0];
        var rest = words.Skip(argv0 ? 2 : 1);
        var args = noExpand ? rest.ToList() : rest.SelectMany(w => Expand(w, environment)).ToList();
        return new ExecCommand(setting.Key, program, args, ignore, argv0, noExpand, privileged, setting);
    }

    /// <summary>
    /// A word that is exactly <c>$NAME</c> becomes the variable's value split at whitespace (no words when unset);
    /// <c>${NAME}</c> anywhere in a word is replaced in place; <c>$$</c> is a literal dollar.
    /// </summary>
    internal static IEnumerable<string> Expand(string word, IReadOnlyDictionary<string, EnvironmentVariable> env)
    {
        if (word.Length > 1 && word[0] == '$' && word[1] != '{' && word[1] != '$' && UnitEnvironment.IsValidName(word[1..]))
        {
            return env.TryGetValue(word[1..], out var v) ? v.Value.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        }
        if (!word.Contains('$', StringComparison.Ordinal)) return [word];
        var sb = new StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] == '$' && i + 1 < word.Length && word[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            if (word[i] == '$' && i + 1 < word.Length && word[i + 1] == '{')
            {
                var close = word.IndexOf('}', i + 2);
                if (close > i + 2 && UnitEnvironment.IsValidName(word[(i + 2)..close]))
                {
                    if (env.TryGetValue(word[(i + 2)..close], out var v)) sb.Append(v.Value);
                    i = close;
                    continue;
                }
            }
            sb.Append(word[i]);
        }
        return [sb.ToString()];
    }

    /// <summary>The specifiers that name the unit (%n, %N, %p, %i, %I) and %% ; others are left as written.</summary>
    private static string Specifiers(string text, string unitName)
    {
        if (!text.Contains('%', StringComparison.Ordinal)) return text;
        var dot = unitName.LastIndexOf('.');
        var full = dot > 0 ? unitName[..dot] : unitName;
        var at = full.IndexOf('@');
        var prefix = at >= 0 ? full[..at] : full;
        var instance = at >= 0 ? full[(at + 1)..] : "";
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%' || i + 1 >= text.Length)
            {
                sb.Append(text[i]);
                continue;
            }
            var s = text[++i];
            sb.Append(s switch
            {
                '%' => "%",
                'n' => unitName,
                'N' => full,
                'p' => prefix,
                'i' or 'I' => instance,
                _ => "%" + s,
            });
        }
        return sb.ToString();
    }
}
