using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ConnDiag.Module.Tests.Support;

/// <summary>One column of a table view: a property name, or a script block.</summary>
internal sealed record FormatColumn(string Label, string? PropertyName, string? ScriptBlock);

/// <summary>A view of a Format.ps1xml file.</summary>
internal sealed record FormatView(string Name, IReadOnlyList<string> TypeNames, string Control, IReadOnlyList<FormatColumn> Columns, int HeaderCount, IReadOnlyList<int> RowItemCounts);

/// <summary>Reads the views of a PowerShell formatting file.</summary>
internal static partial class FormatViews
{
    public static IReadOnlyList<FormatView> Load(string path)
    {
        var doc = XDocument.Load(path);
        if (doc.Root?.Name.LocalName != "Configuration") throw new Xunit.Sdk.XunitException($"{path}: root element must be <Configuration>.");
        var defs = doc.Root.Elements("ViewDefinitions").ToList();
        if (defs.Count != 1) throw new Xunit.Sdk.XunitException($"{path}: expected one <ViewDefinitions>, found {defs.Count}.");
        return defs[0].Elements("View").Select(ReadView).ToList();
    }

    private static FormatView ReadView(XElement view)
    {
        var name = view.Element("Name")?.Value.Trim() ?? "";
        var typeNames = view.Element("ViewSelectedBy")?.Elements("TypeName").Select(t => t.Value.Trim()).ToList() ?? [];
        var control = view.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Control", StringComparison.Ordinal));
        if (control is null) return new FormatView(name, typeNames, "", [], 0, []);

        if (control.Name.LocalName != "TableControl")
        {
            // List views name their items the same way; read them so their property names are checked too.
            var listItems = control.Descendants("ListItem").Select(i => new FormatColumn(
                i.Element("Label")?.Value ?? i.Element("PropertyName")?.Value ?? "",
                i.Element("PropertyName")?.Value.Trim(), i.Element("ScriptBlock")?.Value)).ToList();
            return new FormatView(name, typeNames, control.Name.LocalName, listItems, listItems.Count, [listItems.Count]);
        }

        var headers = control.Element("TableHeaders")?.Elements("TableColumnHeader").ToList() ?? [];
        var rows = control.Element("TableRowEntries")?.Elements("TableRowEntry").ToList() ?? [];
        var rowCounts = rows.Select(r => r.Element("TableColumnItems")?.Elements("TableColumnItem").Count() ?? 0).ToList();
        var items = rows.FirstOrDefault()?.Element("TableColumnItems")?.Elements("TableColumnItem").ToList() ?? [];
        var columns = items.Select((item, i) => new FormatColumn(
            i < headers.Count ? headers[i].Element("Label")?.Value.Trim() ?? item.Element("PropertyName")?.Value.Trim() ?? "" : "",
            item.Element("PropertyName")?.Value.Trim(),
            item.Element("ScriptBlock")?.Value)).ToList();
        return new FormatView(name, typeNames, "TableControl", columns, headers.Count, rowCounts);
    }

    /// <summary>Properties a script block reads from the formatted object (<c>$_.Name</c>; the first member only).</summary>
    public static IReadOnlyList<string> PropertiesReadBy(string scriptBlock) =>
        DollarUnderscoreMember().Matches(scriptBlock).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"\$_\.(\w+)")]
    private static partial Regex DollarUnderscoreMember();
}
