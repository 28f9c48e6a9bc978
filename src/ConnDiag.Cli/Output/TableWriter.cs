namespace ConnDiag.Cli.Output;

/// <summary>A column: header, width, and whether numbers line up on the right.</summary>
internal sealed record Column(string Header, int Width, bool AlignRight = false);

/// <summary>
/// Fixed-width text columns, two spaces apart. Widths are chosen up front (from all rows when they are
/// known, or from the input when rows stream); a longer cell pushes the rest of its row right instead of
/// being cut, because a truncated address or code would mislead. Trailing blanks are trimmed.
/// </summary>
internal sealed class TableWriter
{
    public const string Gap = "  ";
    private readonly TextWriter _out;

    public TableWriter(TextWriter output, IReadOnlyList<Column> columns)
    {
        _out = output;
        Columns = columns;
    }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Widths that fit the headers and every cell of <paramref name="rows"/>.</summary>
    public static IReadOnlyList<Column> Fit(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? alignRight = null)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        return headers.Select((h, i) => new Column(h, widths[i], alignRight?.Contains(i) == true)).ToList();
    }

    public void WriteHeader() => WriteRow(Columns.Select(c => c.Header).ToList());

    public void WriteRow(IReadOnlyList<string> cells) => _out.WriteLine(Format(cells));

    public string Format(IReadOnlyList<string> cells)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < Columns.Count; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            var c = Columns[i];
            if (i > 0) line.Append(Gap);
            if (c.AlignRight) line.Append(cell.PadLeft(c.Width));
            else line.Append(i == Columns.Count - 1 ? cell : cell.PadRight(c.Width));
        }
        return line.ToString().TrimEnd();
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, marking the cut with '…'.</summary>
    public static string Truncate(string text, int max)
    {
        if (max <= 0) return "";
        if (text.Length <= max) return text;
        return max == 1 ? "…" : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    /// <summary>
    /// A table whose last column holds long free text (a command line, a rule): it is the last column when that
    /// leaves it at least <paramref name="minTailWidth"/> characters, otherwise it goes on an indented line under its
    /// row, because a few characters of it would identify nothing.
    /// </summary>
    public static void WriteWithTail(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<string> tails, string tailHeader, int width, int minTailWidth, ISet<int>? alignRight = null)
    {
        const string indent = "    ";
        var columns = Fit(headers, rows, alignRight).ToList();
        var used = columns.Sum(c => c.Width) + Gap.Length * columns.Count;
        var tailWidth = width - used;
        var inColumn = tailWidth >= minTailWidth;
        if (inColumn) columns.Add(new Column(tailHeader, tailWidth));

        var table = new TableWriter(output, columns);
        table.WriteHeader();
        for (var i = 0; i < rows.Count; i++)
        {
            var tail = tails[i];
            if (inColumn)
            {
                table.WriteRow([.. rows[i], Truncate(tail, tailWidth)]);
                continue;
            }
            table.WriteRow(rows[i]);
            if (tail.Length > 0) output.WriteLine(indent + Truncate(tail, width - indent.Length));
        }
        output.Flush();
    }
}
