namespace ConnDiag.Claude.Config;

/// <summary>How a variable's value may be shown.</summary>
public enum VariableDisplay
{
    /// <summary>As is.</summary>
    Plain,

    /// <summary>A credential: mask, length and source only.</summary>
    Secret,

    /// <summary>A URL that may carry <c>user:password@</c>: shown with the password hidden.</summary>
    Url,
}

/// <summary>The environment variables that change how Claude Code connects (research spec §3.1).</summary>
public static class ClaudeVariables
{
    public const string BaseUrl = "ANTHROPIC_BASE_URL";
    public const string ApiKey = "ANTHROPIC_API_KEY";
    public const string AuthToken = "ANTHROPIC_AUTH_TOKEN";
    public const string Model = "ANTHROPIC_MODEL";
    public const string ExtraCaCerts = "NODE_EXTRA_CA_CERTS";
    public const string TlsRejectUnauthorized = "NODE_TLS_REJECT_UNAUTHORIZED";
    public const string UseBedrock = "CLAUDE_CODE_USE_BEDROCK";
    public const string UseVertex = "CLAUDE_CODE_USE_VERTEX";
    public const string UseFoundry = "CLAUDE_CODE_USE_FOUNDRY";

    /// <summary>The proxy variables, in the order Claude Code's HTTP stack consults them for https targets.</summary>
    public static IReadOnlyList<string> ProxyVariables { get; } = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

    /// <summary>Every variable collected, with how it may be shown.</summary>
    public static IReadOnlyList<(string Name, VariableDisplay Display)> All { get; } =
    [
        (BaseUrl, VariableDisplay.Url),
        (ApiKey, VariableDisplay.Secret),
        (AuthToken, VariableDisplay.Secret),
        ("ANTHROPIC_CUSTOM_HEADERS", VariableDisplay.Secret),
        (Model, VariableDisplay.Plain),
        ("ANTHROPIC_DEFAULT_MODEL", VariableDisplay.Plain),
        ("ANTHROPIC_SMALL_FAST_MODEL", VariableDisplay.Plain),
        ("ANTHROPIC_DEFAULT_OPUS_MODEL", VariableDisplay.Plain),
        ("ANTHROPIC_DEFAULT_SONNET_MODEL", VariableDisplay.Plain),
        ("ANTHROPIC_DEFAULT_HAIKU_MODEL", VariableDisplay.Plain),
        ("API_TIMEOUT_MS", VariableDisplay.Plain),
        ("CLAUDE_CODE_MAX_RETRIES", VariableDisplay.Plain),
        ("https_proxy", VariableDisplay.Url),
        ("HTTPS_PROXY", VariableDisplay.Url),
        ("http_proxy", VariableDisplay.Url),
        ("HTTP_PROXY", VariableDisplay.Url),
        ("all_proxy", VariableDisplay.Url),
        ("ALL_PROXY", VariableDisplay.Url),
        ("no_proxy", VariableDisplay.Plain),
        ("NO_PROXY", VariableDisplay.Plain),
        (ExtraCaCerts, VariableDisplay.Plain),
        (TlsRejectUnauthorized, VariableDisplay.Plain),
        ("CLAUDE_CODE_CERT_STORE", VariableDisplay.Plain),
        ("CLAUDE_CODE_CLIENT_CERT", VariableDisplay.Plain),
        ("CLAUDE_CODE_CLIENT_KEY", VariableDisplay.Plain),
        ("CLAUDE_CODE_CLIENT_KEY_PASSPHRASE", VariableDisplay.Secret),
        (UseBedrock, VariableDisplay.Plain),
        (UseVertex, VariableDisplay.Plain),
        (UseFoundry, VariableDisplay.Plain),
        ("ANTHROPIC_BEDROCK_BASE_URL", VariableDisplay.Url),
        ("ANTHROPIC_VERTEX_BASE_URL", VariableDisplay.Url),
        ("ANTHROPIC_FOUNDRY_BASE_URL", VariableDisplay.Url),
        ("AWS_REGION", VariableDisplay.Plain),
        ("CLOUD_ML_REGION", VariableDisplay.Plain),
        ("ANTHROPIC_VERTEX_PROJECT_ID", VariableDisplay.Plain),
        ("AWS_BEARER_TOKEN_BEDROCK", VariableDisplay.Secret),
        ("ANTHROPIC_FOUNDRY_API_KEY", VariableDisplay.Secret),
        ("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", VariableDisplay.Plain),
        ("DISABLE_TELEMETRY", VariableDisplay.Plain),
        ("ANTHROPIC_UNIX_SOCKET", VariableDisplay.Plain),
    ];

    /// <summary>True for the values Claude Code treats as "on" in its switches (<c>1</c>, <c>true</c>, <c>yes</c>).</summary>
    public static bool IsOn(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));
}
