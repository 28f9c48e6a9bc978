using System.Reflection;
using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>module/ConnDiag.Format.ps1xml names real types and properties, and covers every output type.</summary>
public class FormatFileTests
{
    private static readonly IReadOnlyList<FormatView> Views = FormatViews.Load(RepoPaths.FormatFile);

    private static Type? FindType(string name) =>
        CmdletMetadata.EngineAssembly.GetType(name) ?? CmdletMetadata.ModuleAssembly.GetType(name);

    private static bool IsOurs(Type t) => t.Assembly == CmdletMetadata.EngineAssembly || t.Assembly == CmdletMetadata.ModuleAssembly;

    /// <summary>Cmdlet output types from our assemblies, and the element types of their list properties (attempts, findings).</summary>
    private static IReadOnlyList<Type> TypesThatNeedAView()
    {
        var result = new HashSet<Type>();
        var queue = new Queue<Type>(CmdletMetadata.All().SelectMany(c => c.OutputTypes).SelectMany(o => o.Types).Where(IsOurs));
        while (queue.TryDequeue(out var t))
        {
            if (!result.Add(t)) continue;
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var element = p.PropertyType.IsArray ? p.PropertyType.GetElementType()
                    : p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? p.PropertyType.GetGenericArguments()[0]
                    : null;
                if (element is not null && IsOurs(element) && !element.IsEnum) queue.Enqueue(element);
            }
        }
        return [.. result];
    }

    [Fact]
    public void Has_views()
    {
        Assert.NotEmpty(Views);
        Assert.Equal(Views.Count, Views.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_view_selects_a_real_public_type()
    {
        foreach (var view in Views)
        {
            Assert.False(string.IsNullOrEmpty(view.Name), "a view has no <Name>");
            Assert.NotEmpty(view.TypeNames);
            foreach (var name in view.TypeNames)
            {
                var type = FindType(name);
                Assert.True(type is not null, $"view '{view.Name}' selects '{name}', which is not a type in ConnDiag.Core or ConnDiag.");
                Assert.True(type!.IsPublic, $"{name} is not public");
            }
        }
    }

    [Fact]
    public void Every_property_a_view_names_exists_on_its_type()
    {
        foreach (var view in Views)
        {
            foreach (var type in view.TypeNames.Select(FindType).OfType<Type>())
            {
                var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var column in view.Columns)
                {
                    Assert.True(column.PropertyName is not null ^ column.ScriptBlock is not null,
                        $"view '{view.Name}' column '{column.Label}' needs exactly one of PropertyName and ScriptBlock");
                    if (column.PropertyName is { } name)
                    {
                        Assert.True(properties.Contains(name), $"view '{view.Name}': {type.Name} has no property '{name}'");
                    }
                    else
                    {
                        // Script blocks must read the formatted object through $_ (and only through $_).
                        var read = FormatViews.PropertiesReadBy(column.ScriptBlock!);
                        Assert.NotEmpty(read);
                        Assert.All(read, r => Assert.True(properties.Contains(r), $"view '{view.Name}' script block reads $_.{r}, which {type.Name} does not have"));
                    }
                }
            }
        }
    }

    [Fact]
    public void Table_headers_match_the_columns()
    {
        // PowerShell refuses to load a table view whose header count differs from its column count.
        foreach (var view in Views.Where(v => v.Control == "TableControl"))
        {
            Assert.True(view.HeaderCount > 0, $"view '{view.Name}' has no columns");
            Assert.All(view.RowItemCounts, n => Assert.Equal(view.HeaderCount, n));
            Assert.All(view.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Label), $"view '{view.Name}' has a column without a label"));
        }
    }

    [Fact]
    public void Every_output_type_has_a_table_view()
    {
        var needed = TypesThatNeedAView();
        Assert.Contains(typeof(ConnDiag.Tcp.TcpAttempt), needed);
        Assert.Contains(typeof(ConnDiag.Model.Finding), needed);
        foreach (var type in needed)
        {
            Assert.True(Views.Any(v => v.Control == "TableControl" && v.TypeNames.Contains(type.FullName!)),
                $"{type.FullName} is output by a cmdlet (or inside its output) but has no table view in ConnDiag.Format.ps1xml");
        }
    }

    [Theory]
    [InlineData("ConnDiag.Tcp.TcpPortResult", new[] { "TargetName", "Port", "Status", "RemoteAddress", "ConnectMs", "Findings" })]
    [InlineData("ConnDiag.Ports.PortOwner", new[] { "Protocol", "LocalAddress", "LocalPort", "State", "Id", "ProcessName", "User", "BindScope" })]
    [InlineData("ConnDiag.Model.Finding", new[] { "Code", "Severity", "Summary" })]
    [InlineData("ConnDiag.Dns.Client.DnsAnswer", new[] { "Name", "Type", "Server", "Status", "Answers", "ResponseMs", "Findings" })]
    [InlineData("ConnDiag.Dns.Wire.DnsRecord", new[] { "Name", "TtlSeconds", "Class", "Type", "Data" })]
    public void Default_views_show_the_agreed_columns(string typeName, string[] labels)
    {
        var view = Views.First(v => v.Control == "TableControl" && v.TypeNames.Contains(typeName));
        Assert.Equal(labels, view.Columns.Select(c => c.Label));
    }
}
