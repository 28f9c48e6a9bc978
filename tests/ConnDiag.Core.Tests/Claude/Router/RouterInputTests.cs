using ConnDiag.Core.Tests.Fixtures;
using System.Text.Json;
using ConnDiag.Claude.Router;
using static ConnDiag.Core.Tests.Claude.Router.RouterValidation;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>Paths that are not a config file fail with a specific reason; the file is never written; secrets never leak.</summary>
public class RouterInputTests
{
    private static Task<RouterConfigReport> Validate(string path) => new RouterConfigValidator(Options()).ValidateAsync(path);

    [Fact]
    public async Task A_directory_is_refused_as_a_directory()
    {
        using var files = new RouterConfigFiles();
        var ex = await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(files.Directory));

        Assert.Equal(RouterConfigInputProblem.IsDirectory, ex.Problem);
        Assert.Contains("is a directory", ex.Message);
    }

    [Fact]
    public async Task A_missing_file_is_NotFound()
    {
        using var files = new RouterConfigFiles();
        var ex = await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(files.ConfigPath));

        Assert.Equal(RouterConfigInputProblem.NotFound, ex.Problem);
        Assert.Equal($"{files.ConfigPath} does not exist.", ex.Message);
    }

    [Fact]
    public async Task A_file_over_the_cap_is_TooLarge()
    {
        using var files = new RouterConfigFiles();
        var path = Path.Combine(files.Directory, "config.json");
        using (var f = File.Create(path)) f.SetLength(RouterConfigFile.MaxBytes + 1);

        var ex = await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(path));

        Assert.Equal(RouterConfigInputProblem.TooLarge, ex.Problem);
    }

    [Fact]
    public async Task A_file_at_the_cap_is_read()
    {
        using var files = new RouterConfigFiles();
        var config = Config();
        var path = files.Write(config + new string(' ', RouterConfigFile.MaxBytes - config.Length));

        Assert.Empty((await Validate(path)).Findings);
    }

    [Fact]
    public async Task Binary_and_non_UTF8_files_are_refused()
    {
        using var files = new RouterConfigFiles();
        var binary = Path.Combine(files.Directory, "binary.json");
        File.WriteAllBytes(binary, [0x7B, 0x00, 0x01, 0x7D]);
        var latin1 = Path.Combine(files.Directory, "latin1.json");
        File.WriteAllBytes(latin1, [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D]);

        Assert.Equal(RouterConfigInputProblem.Binary, (await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(binary))).Problem);
        Assert.Equal(RouterConfigInputProblem.NotUtf8, (await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(latin1))).Problem);
    }

    [LinuxFact]
    public async Task An_unreadable_file_is_Unreadable()
    {
        if (Environment.UserName == "root")
        {
            // Root reads any file, so permissions cannot make one unreadable; this process's memory file exists
            // and opens, but reading from address 0 fails with EIO, which is the same "cannot be read" path.
            var problem = (await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate("/proc/self/mem"))).Problem;
            Assert.Equal(RouterConfigInputProblem.Unreadable, problem);
            return;
        }
        using var files = new RouterConfigFiles();
        var path = files.Write(Config());
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(path, UnixFileMode.None);

        Assert.Equal(RouterConfigInputProblem.Unreadable, (await Assert.ThrowsAsync<RouterConfigInputException>(() => Validate(path))).Problem);
    }

    [Fact]
    public async Task The_file_is_never_written()
    {
        using var files = new RouterConfigFiles();
        var path = files.WriteFixture("readme-style.json");
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, past);
        var before = File.ReadAllBytes(path);

        await Validate(path);
        await Validate(files.Write("{ broken", "broken.json"));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(past, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["broken.json", "config.json"], Directory.GetFiles(files.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Secret_canaries_never_appear_in_the_report_or_its_JSON()
    {
        const string inlineKey = "sk-CANARYinline0123456789abcd";
        const string envKey = "sk-CANARYenv0123456789abcdefg";
        const string clientKey = "CANARYclient0123456789";
        const string proxyPassword = "CANARYproxypass";
        const string queryKey = "AIzaCANARYquery0123456789";
        var env = new Dictionary<string, string> { ["ENV_KEY"] = envKey, ["CLIENT_KEY"] = clientKey };
        var text = Config(
            extra: $$"""
                "APIKEY": "{{clientKey}}", "HOST": "0.0.0.0", "PROXY_URL": "http://ops:{{proxyPassword}}@127.0.0.1:3456",
                "OTHER_TOKEN": "$CLIENT_KEY", "API_TIMEOUT_MS": "{{inlineKey}}"
                """,
            router: $"\"default\": \"p,m1\", \"think\": \"{inlineKey}\"",
            providers: $$"""
                { "name": "p", "api_base_url": "https://x.example.test/v1?key={{envKey}}", "api_key": "{{inlineKey}}", "models": ["m1"] },
                { "name": "q", "api_base_url": "https://x.example.test/v1", "api_key": "$ENV_KEY", "models": ["m1"] },
                { "name": "r", "api_base_url": "https://x.example.test/v1", "api_key": "Bearer ${ENV_KEY}", "models": ["m1"] },
                { "name": "g", "api_base_url": "https://g.example.test/v1beta/models/?key={{queryKey}}&x=$UNSET_VAR", "api_key": "", "models": ["m1"] }
                """);

        var report = await RunAsync(text, env);
        var json = JsonSerializer.Serialize(report);

        Assert.Contains("ROUTER.INLINE_SECRET", json);
        Assert.Contains("ROUTER.PROXY_SELF", json);
        // The unresolved $UNSET_VAR makes the finding quote the whole URL; its key is masked.
        Assert.Contains("Providers[3].api_base_url refers to $UNSET_VAR", json);
        Assert.DoesNotContain("CANARY", json);
        Assert.All(report.Findings, f => Assert.DoesNotContain("CANARY", f.Summary + f.Evidence + f.Remedy));
    }

    [Fact]
    public async Task A_syntax_error_next_to_an_unquoted_key_does_not_quote_it()
    {
        var report = await RunAsync("{ \"api_key\": sk-CANARY0123456789abcdef }");
        var literal = await RunAsync("{ \"api_key\": trueCANARY0123456789abcdef }");
        Assert.DoesNotContain("CANARY", JsonSerializer.Serialize(literal));

        Assert.DoesNotContain("CANARY", JsonSerializer.Serialize(report));
        var f = Assert.Single(report.Findings);
        Assert.Equal(ConnDiag.Findings.FindingCodes.RouterConfigSyntax, f.Code);
        Assert.Contains("config.json:1:14: ", f.Summary);
    }
}
