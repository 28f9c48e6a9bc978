using ConnDiag.Module.Tests.Support;

namespace ConnDiag.Module.Tests;

/// <summary>ConnDiag.psd1 against the assembly, the build version and the gallery's expectations.</summary>
public class ManifestTests
{
    private static readonly Dictionary<string, object?> Manifest = Psd1Reader.ParseFile(RepoPaths.Manifest);

    /// <summary>The keys New-ModuleManifest knows; anything else is a typo PowerShell would reject on import.</summary>
    private static readonly string[] KnownKeys =
    [
        "RootModule", "ModuleVersion", "CompatiblePSEditions", "GUID", "Author", "CompanyName", "Copyright", "Description",
        "PowerShellVersion", "PowerShellHostName", "PowerShellHostVersion", "DotNetFrameworkVersion", "ClrVersion",
        "ProcessorArchitecture", "RequiredModules", "RequiredAssemblies", "ScriptsToProcess", "TypesToProcess",
        "FormatsToProcess", "NestedModules", "FunctionsToExport", "CmdletsToExport", "VariablesToExport",
        "AliasesToExport", "DscResourcesToExport", "ModuleList", "FileList", "PrivateData", "HelpInfoURI", "DefaultCommandPrefix",
    ];

    private static string String(string key) =>
        Manifest.TryGetValue(key, out var v) && v is string s ? s : throw new Xunit.Sdk.XunitException($"ConnDiag.psd1: '{key}' is missing or not a string.");

    /// <summary>A manifest list: PowerShell accepts a single string or an array.</summary>
    private static IReadOnlyList<string> List(IReadOnlyDictionary<string, object?> table, string key)
    {
        Assert.True(table.TryGetValue(key, out var v), $"ConnDiag.psd1: '{key}' is missing.");
        return v switch
        {
            string s => [s],
            object?[] a => a.Select(x => x as string ?? throw new Xunit.Sdk.XunitException($"'{key}' holds a non-string: {x}")).ToList(),
            _ => throw new Xunit.Sdk.XunitException($"ConnDiag.psd1: '{key}' must be a string or an array of strings."),
        };
    }

    private static Dictionary<string, object?> PSData()
    {
        var privateData = Assert.IsType<Dictionary<string, object?>>(Manifest["PrivateData"]);
        return Assert.IsType<Dictionary<string, object?>>(privateData["PSData"]);
    }

    [Fact]
    public void Uses_only_known_manifest_keys()
    {
        var unknown = Manifest.Keys.Where(k => !KnownKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(unknown.Count == 0, $"unknown manifest keys: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Loads_the_module_assembly()
    {
        Assert.Equal("ConnDiag.dll", String("RootModule"));
        Assert.Equal("ConnDiag.dll", Path.GetFileName(CmdletMetadata.ModuleAssembly.Location));
    }

    [Fact]
    public void ModuleVersion_equals_the_build_version()
    {
        Assert.Equal(RepoPaths.BuildVersion(), String("ModuleVersion"));
        Assert.True(Version.TryParse(String("ModuleVersion"), out _), "ModuleVersion must be a plain version (prerelease goes in PSData.Prerelease)");
    }

    [Fact]
    public void The_assembly_version_matches_too()
    {
        var built = CmdletMetadata.ModuleAssembly.GetName().Version!;
        Assert.Equal(Version.Parse(String("ModuleVersion")), new Version(built.Major, built.Minor, built.Build));
    }

    [Fact]
    public void Has_a_fixed_guid()
    {
        Assert.True(Guid.TryParse(String("GUID"), out var guid), "GUID is not a GUID");
        Assert.NotEqual(Guid.Empty, guid);
    }

    [Theory]
    [InlineData("Author")]
    [InlineData("CompanyName")]
    [InlineData("Copyright")]
    [InlineData("Description")]
    public void Has_the_descriptive_fields(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(String(key)), $"{key} is empty");
    }

    [Fact]
    public void Targets_PowerShell_7_4_Core_only()
    {
        Assert.Equal(["Core"], List(Manifest, "CompatiblePSEditions"));
        Assert.Equal("7.4", String("PowerShellVersion"));
        Assert.False(Manifest.ContainsKey("DotNetFrameworkVersion"), "DotNetFrameworkVersion applies to Windows PowerShell only");
    }

    [Fact]
    public void Exports_exactly_the_cmdlets_in_the_assembly()
    {
        var inAssembly = CmdletMetadata.All().Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var exported = List(Manifest, "CmdletsToExport");
        Assert.DoesNotContain(exported, e => e.Contains('*', StringComparison.Ordinal));
        Assert.Equal(inAssembly, exported.Order(StringComparer.Ordinal));
        Assert.Contains("Test-TcpPort", exported);
        Assert.Contains("Get-PortOwner", exported);
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("VariablesToExport")]
    [InlineData("AliasesToExport")]
    public void Exports_nothing_else_explicitly(string key)
    {
        // Present and empty: a missing key means '*' and makes module auto-loading slow.
        Assert.True(Manifest.TryGetValue(key, out var v), $"{key} is missing (a missing key exports everything)");
        Assert.Empty(Assert.IsType<object?[]>(v));
    }

    [Fact]
    public void Processes_the_format_file_that_exists()
    {
        var formats = List(Manifest, "FormatsToProcess");
        Assert.Equal(["ConnDiag.Format.ps1xml"], formats);
        Assert.True(File.Exists(RepoPaths.FormatFile), $"{RepoPaths.FormatFile} is missing");
    }

    [Fact]
    public void Has_gallery_tags_for_editions_platforms_and_topics()
    {
        var tags = List(PSData(), "Tags");
        foreach (var tag in new[] { "PSEdition_Core", "Linux", "MacOS", "Windows", "Networking", "Diagnostics", "TCP", "DNS", "TLS", "Claude" })
        {
            Assert.Contains(tag, tags);
        }
        // The gallery rejects tags with spaces, and Windows PowerShell would wrongly find PSEdition_Desktop.
        Assert.DoesNotContain(tags, t => t.Contains(' ', StringComparison.Ordinal));
        Assert.DoesNotContain("PSEdition_Desktop", tags);
        Assert.Equal(tags.Count, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("ProjectUri")]
    [InlineData("LicenseUri")]
    public void Has_absolute_https_links(string key)
    {
        var value = Assert.IsType<string>(PSData()[key]);
        Assert.True(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "https", $"{key} '{value}' is not an https URL");
    }

    [Fact]
    public void LicenseUri_points_at_the_MIT_license_in_the_repository()
    {
        var licenseUri = Assert.IsType<string>(PSData()["LicenseUri"]);
        var project = Assert.IsType<string>(PSData()["ProjectUri"]);
        Assert.StartsWith(project, licenseUri, StringComparison.Ordinal);
        Assert.EndsWith("/LICENSE", licenseUri, StringComparison.Ordinal);
        var license = File.ReadAllText(Path.Combine(RepoPaths.Root, "LICENSE"));
        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("ConnDiag contributors", license, StringComparison.Ordinal);
    }

    [Fact]
    public void Has_release_notes()
    {
        var notes = Assert.IsType<string>(PSData()["ReleaseNotes"]);
        Assert.Contains(String("ModuleVersion"), notes, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpInfoURI_is_absolute()
    {
        Assert.True(Uri.TryCreate(String("HelpInfoURI"), UriKind.Absolute, out var uri) && uri.Scheme == "https");
    }
}
