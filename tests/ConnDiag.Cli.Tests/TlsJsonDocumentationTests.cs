using System.Reflection;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Tls;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag tls --json` tables against the real output of a real handshake.</summary>
public sealed class TlsJsonDocumentationTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    [LinuxFact("openssl")]
    public async Task Report_certificate_attempt_check_and_finding_properties_match_the_real_output()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf);

        var run = await Conndiag.RunAsync("tls", $"127.0.0.1:{server.Port}", "--server-name", "localhost", "--ca-bundle", _pki.BundlePath, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var reports = doc.RootElement.EnumerateArray().ToList();
        var report = Assert.Single(reports);
        JsonDocumentationTests.AssertSameNames("Tls chain report", JsonDocumentationTests.Names(report));
        JsonDocumentationTests.AssertSameNames("Certificate", report.GetProperty("sentChain").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        JsonDocumentationTests.AssertSameNames("Tls attempt", report.GetProperty("attempts").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        JsonDocumentationTests.AssertSameNames("Protocol check", report.GetProperty("protocolChecks").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        JsonDocumentationTests.AssertSameNames("Finding", report.GetProperty("findings").EnumerateArray().SelectMany(JsonDocumentationTests.Names));
        Assert.Equal("TLS.CHAIN_INCOMPLETE", report.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Equal("Tls13", report.GetProperty("protocol").GetString());
        Assert.Equal(["Tls12", "Tls13"], report.GetProperty("supportedProtocols").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("127.0.0.1", report.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("Tls chain report", typeof(TlsChainReport))]
    [InlineData("Tls attempt", typeof(TlsAttempt))]
    [InlineData("Protocol check", typeof(TlsProtocolCheck))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var p in JsonDocumentationTests.Docs.Value[section])
        {
            var clr = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(clr is not null, $"{section}.{p.Name} has no property on {type.Name}");
            var t = Nullable.GetUnderlyingType(clr!.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(p.Values), $"{section}.{p.Name}: docs list [{string.Join(", ", p.Values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny, $"no enum property documented in {section}");
    }

    [Fact]
    public void Certificate_properties_are_the_record_s()
    {
        var documented = JsonDocumentationTests.Docs.Value["Certificate"].Select(p => p.Name).Order(StringComparer.Ordinal);
        var real = typeof(CertificateInfo).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(real, documented);
    }
}
