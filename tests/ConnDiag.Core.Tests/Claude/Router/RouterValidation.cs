using ConnDiag.Claude.Router;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>Runs the validator on config text with an injected environment; the port check is off unless asked for.</summary>
internal static class RouterValidation
{
    public static readonly IReadOnlyDictionary<string, string> StandardEnv = new Dictionary<string, string>
    {
        ["CCR_CLIENT_KEY"] = "client-key-0123456789",
        ["OPENROUTER_API_KEY"] = "sk-or-v1-abcdefghijklmnop0123",
        ["DEEPSEEK_API_KEY"] = "sk-deepseekkey0123456789",
        ["GATEWAY_KEY"] = "gw-0123456789abcdef",
    };

    public static RouterConfigOptions Options(IReadOnlyDictionary<string, string>? env = null, bool checkPort = false) => new()
    {
        Environment = name => (env ?? StandardEnv).TryGetValue(name, out var v) ? v : null,
        CheckPort = checkPort,
    };

    public static async Task<RouterConfigReport> RunAsync(string text, IReadOnlyDictionary<string, string>? env = null)
    {
        using var files = new RouterConfigFiles();
        return await new RouterConfigValidator(Options(env)).ValidateAsync(files.Write(text));
    }

    /// <summary>The single finding with that code (fails when there is none or more than one).</summary>
    public static Finding Only(RouterConfigReport report, string code)
    {
        var matching = report.Findings.Where(f => f.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}, got: {string.Join(" | ", report.Findings)}");
        return matching[0];
    }

    /// <summary>A valid config with one provider; <paramref name="extra"/> is spliced in as further top-level members.</summary>
    public static string Config(string extra = "", string router = "\"default\": \"p,m1\"", string providers = DefaultProviders) =>
        "{\n" + extra + (extra.Length > 0 ? ",\n" : "") + "\"Providers\": [" + providers + "],\n\"Router\": {" + router + "}\n}\n";

    public const string DefaultProviders = """{ "name": "p", "api_base_url": "https://llm.example.test/v1/chat/completions", "api_key": "$GATEWAY_KEY", "models": ["m1", "vendor/m2:free"] }""";
}
