using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Claude.Profile;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Claude.Config;

/// <summary>What the configuration alone says: findings, and the extra CA file Claude Code would trust (when usable).</summary>
/// <param name="Findings">CONFIG.* findings, in the order the checks ran.</param>
/// <param name="ExtraCaPath">NODE_EXTRA_CA_CERTS when it is a readable PEM file with certificates, else null.</param>
/// <param name="ExtraCaCount">Certificates in that file.</param>
public sealed record ClaudeConfigCheckResult(IReadOnlyList<Finding> Findings, string? ExtraCaPath, int ExtraCaCount);

/// <summary>The config checks of the Claude profile: keys, base URL, proxies, TLS variables, provider switches, settings files.</summary>
public static class ClaudeConfigCheck
{
    /// <summary>Largest CA file read; real bundles are a few hundred KiB.</summary>
    public const int MaxCaFileBytes = 8 * 1024 * 1024;

    /// <summary>Runs every check on <paramref name="config"/> for a base URL already parsed (<paramref name="baseUrl"/> null when it is invalid).</summary>
    public static ClaudeConfigCheckResult Run(ClaudeConfig config, Uri? baseUrl, ClaudeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(config);
        var findings = new List<Finding>();
        foreach (var file in config.Effective.SettingsFiles.Where(f => f.Problem is not null))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigSettingsInvalid, $"Settings file {file.Path}: {file.Problem}.", $"{file.Kind} settings, {file.Path}"));
        }

        var (baseText, baseSource) = ClaudeBaseUrl.Of(config);
        if (baseUrl is null)
        {
            ClaudeBaseUrl.TryParse(baseText, out _, out var error);
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigBaseUrlInvalid, $"The base URL from {baseSource} cannot be used: {error}.", $"{baseSource}: '{ClaudeConfig.Show(baseText, VariableDisplay.Url)}'"));
        }
        else if (ClaudeBaseUrl.HasApiPathSuffix(baseUrl))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigBaseUrlPath,
                $"The base URL {SecretMasker.Default.MaskUri(baseUrl)} ends in {baseUrl.AbsolutePath.TrimEnd('/')}: requests go to {SecretMasker.Default.MaskUri(ClaudeBaseUrl.Api(baseUrl, "/v1/messages"))}.",
                $"{baseSource}"));
        }

        var provider = profile is ClaudeProfile.Bedrock or ClaudeProfile.Vertex or ClaudeProfile.Foundry;
        if (provider)
        {
            var name = profile switch { ClaudeProfile.Bedrock => ClaudeVariables.UseBedrock, ClaudeProfile.Vertex => ClaudeVariables.UseVertex, _ => ClaudeVariables.UseFoundry };
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigProviderSwitch,
                $"{name} is set ({config.SourceOf(name)}): Claude Code sends its requests to {profile}, not to {(baseUrl is null ? baseText : SecretMasker.Default.MaskUri(baseUrl))}; the API checks here do not apply to it.",
                $"{name}={config.Raw(name)}"));
        }

        CheckCredentials(config, profile, provider, findings);
        CheckOnboarding(config, profile, findings);
        if (!provider) CheckApiKeyHelper(config, findings);
        CheckProxies(config, findings);
        if (config.Raw(ClaudeVariables.TlsRejectUnauthorized) is { } reject && reject.Trim() == "0")
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigTlsVerifyDisabled,
                $"NODE_TLS_REJECT_UNAUTHORIZED=0 ({config.SourceOf(ClaudeVariables.TlsRejectUnauthorized)}): Claude Code accepts any certificate, so anyone on the path can read the API key and the conversation.",
                "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate validation in Node for every connection; this check still validates certificates.",
                "Remove NODE_TLS_REJECT_UNAUTHORIZED and trust the proxy's root instead: point NODE_EXTRA_CA_CERTS at its PEM file."));
        }
        var (caPath, caCount) = CheckExtraCa(config, findings);
        return new ClaudeConfigCheckResult(findings, caPath, caCount);
    }

    private static void CheckCredentials(ClaudeConfig config, ClaudeProfile profile, bool provider, List<Finding> findings)
    {
        var key = config.Raw(ClaudeVariables.ApiKey);
        var token = config.Raw(ClaudeVariables.AuthToken);
        if (provider) return;
        if (key is null && token is null)
        {
            var helper = config.Effective.SettingsFiles.FirstOrDefault(f => f.HasApiKeyHelper);
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigKeyMissing,
                helper is null
                    ? "Neither ANTHROPIC_API_KEY nor ANTHROPIC_AUTH_TOKEN is set: the authenticated checks run without a credential."
                    : $"Neither ANTHROPIC_API_KEY nor ANTHROPIC_AUTH_TOKEN is set; {helper.Path} names an apiKeyHelper, which this check does not run.",
                "looked in: environment, " + string.Join(", ", config.Effective.SettingsFiles.Select(f => f.Path + (f.Exists ? "" : " (absent)")))));
            return;
        }
        if (key is not null && token is not null)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigKeyAndTokenBothSet,
                $"Both ANTHROPIC_API_KEY ({config.SourceOf(ClaudeVariables.ApiKey)}) and ANTHROPIC_AUTH_TOKEN ({config.SourceOf(ClaudeVariables.AuthToken)}) are set: requests carry x-api-key and Authorization: Bearer.",
                $"{Describe(config, ClaudeVariables.ApiKey)}; {Describe(config, ClaudeVariables.AuthToken)}"));
        }
        if (key is not null && Malformed(key, asBearer: false, profile) is { } keyProblem)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigKeyMalformed, $"ANTHROPIC_API_KEY {keyProblem}.", Describe(config, ClaudeVariables.ApiKey)));
        }
        if (token is not null && Malformed(token, asBearer: true, profile) is { } tokenProblem)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigKeyMalformed, $"ANTHROPIC_AUTH_TOKEN {tokenProblem}.", Describe(config, ClaudeVariables.AuthToken)));
        }
    }

    /// <summary>What is wrong with a credential as written, or null. Never quotes the value.</summary>
    internal static string? Malformed(string value, bool asBearer, ClaudeProfile profile)
    {
        if (value.Length == 0) return "is empty";
        if (value.EndsWith('\n') || value.EndsWith('\r')) return "ends with a line break (copied with a trailing newline?)";
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) return "contains a line break";
        if (value != value.Trim()) return "starts or ends with whitespace";
        if (value.Any(char.IsWhiteSpace)) return "contains whitespace";
        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0]) return "is wrapped in quotes, which are sent as part of it";
        if (value[0] is '"' or '\'' || value[^1] is '"' or '\'') return "starts or ends with a quote character";
        if (value.StartsWith('$') || value.Contains("${", StringComparison.Ordinal) || value.StartsWith("%", StringComparison.Ordinal) && value.EndsWith('%'))
        {
            return "is an unexpanded variable reference (settings files and some launchers do not expand $VAR)";
        }
        if (profile != ClaudeProfile.Anthropic) return null;
        if (!asBearer && value.StartsWith("sk-ant-oat", StringComparison.Ordinal)) return "is an OAuth token (sk-ant-oat…), not an API key: it is not accepted as x-api-key";
        if (!asBearer && value.StartsWith("sk-ant-admin", StringComparison.Ordinal)) return "is an Admin API key (sk-ant-admin…), which cannot call the Messages API";
        if (!asBearer && !value.StartsWith("sk-ant-", StringComparison.Ordinal)) return "does not start with sk-ant-, as Anthropic API keys do (a gateway's or another provider's key?)";
        if (asBearer && value.StartsWith("sk-ant-api", StringComparison.Ordinal)) return "is an API key (sk-ant-api…) sent as Authorization: Bearer; Anthropic's API expects API keys in x-api-key (set ANTHROPIC_API_KEY instead)";
        return null;
    }

    private static string Describe(ClaudeConfig config, string name)
    {
        var raw = config.Raw(name) ?? "";
        return string.Create(CultureInfo.InvariantCulture, $"{name}={SecretMasker.Mask(raw)} ({raw.Length} chars, {config.SourceOf(name)})");
    }

    /// <summary>
    /// A gateway or router user whose Claude Code has not finished onboarding: its first-run check goes to
    /// Anthropic whatever ANTHROPIC_BASE_URL says, which is exactly what a locked-down network blocks.
    /// </summary>
    private static void CheckOnboarding(ClaudeConfig config, ClaudeProfile profile, List<Finding> findings)
    {
        if (profile is not (ClaudeProfile.Gateway or ClaudeProfile.ClaudeCodeRouter)) return;
        if (config.Effective.State is not { } state || state.HasCompletedOnboarding == true) return;
        var evidence = !state.Exists ? $"{state.Path} does not exist (Claude Code has not run here as this user, or keeps its state elsewhere)"
            : state.Problem is { } problem ? $"{state.Path}: {problem}"
            : state.HasCompletedOnboarding == false ? $"{state.Path}: \"hasCompletedOnboarding\": false"
            : $"{state.Path} has no \"hasCompletedOnboarding\" flag";
        findings.Add(FindingCatalog.Create(FindingCodes.ConfigOnboardingIncomplete,
            $"Claude Code's onboarding is not marked complete in {state.Path}: at startup it checks Anthropic's hosts, not the {(profile == ClaudeProfile.ClaudeCodeRouter ? "router" : "gateway")} at the base URL.",
            evidence));
    }

    /// <summary>The apiKeyHelper of the settings file that wins: the program it starts must exist and be executable.</summary>
    private static void CheckApiKeyHelper(ClaudeConfig config, List<Finding> findings)
    {
        if (config.Effective.SettingsFiles.LastOrDefault(f => f.HasApiKeyHelper) is not { } file) return;
        var program = file.ApiKeyHelperProgram;
        var problem = program is null ? "is an empty command" : ApiKeyHelperCommand.Problem(program, config.ProcessVariable);
        if (problem is null) return;
        findings.Add(FindingCatalog.Create(FindingCodes.ConfigKeyHelperInvalid,
            $"The apiKeyHelper in {file.Path} {problem}: Claude Code gets no key from it, and its requests fail with 401.",
            $"{file.Kind} settings {file.Path}: apiKeyHelper starts '{program}' (its arguments are not shown; the command is not run)"));
    }

    private static void CheckProxies(ClaudeConfig config, List<Finding> findings)
    {
        foreach (var name in ClaudeVariables.ProxyVariables)
        {
            if (config.Raw(name) is not { Length: > 0 } value) continue;
            var scheme = value.Trim().Split("://", 2)[0].ToLowerInvariant();
            if (value.Contains("://", StringComparison.Ordinal) && ProxySchemes.TryParse(scheme, out var parsed) && parsed.IsSocks())
            {
                findings.Add(FindingCatalog.Create(FindingCodes.ConfigProxyUnsupportedScheme,
                    $"{name} ({config.SourceOf(name)}) is a {scheme} proxy: Claude Code does not support SOCKS proxies.",
                    $"{name}={SecretMasker.MaskUrlCredentials(value)}"));
            }
        }
    }

    private static (string? Path, int Count) CheckExtraCa(ClaudeConfig config, List<Finding> findings)
    {
        if (config.Raw(ClaudeVariables.ExtraCaCerts) is not { } path || path.Trim().Length == 0) return (null, 0);
        var source = config.SourceOf(ClaudeVariables.ExtraCaCerts);
        Finding Bad(string problem) => FindingCatalog.Create(FindingCodes.ConfigExtraCaInvalid,
            $"NODE_EXTRA_CA_CERTS ({source}) names {path}, which {problem}: Node ignores it and does not trust the extra roots.",
            $"NODE_EXTRA_CA_CERTS={path}");
        if (Directory.Exists(path))
        {
            findings.Add(Bad("is a directory (Node needs one PEM file)"));
            return (null, 0);
        }
        if (!File.Exists(path))
        {
            findings.Add(Bad("does not exist"));
            return (null, 0);
        }
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > MaxCaFileBytes)
            {
                findings.Add(Bad(string.Create(CultureInfo.InvariantCulture, $"is {stream.Length} bytes, more than a CA bundle can be")));
                return (null, 0);
            }
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            findings.Add(Bad($"cannot be read ({ex.GetType().Name})"));
            return (null, 0);
        }
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        if (!text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            findings.Add(Bad(bytes.Length > 0 && bytes[0] == 0x30
                ? "is DER (binary), not PEM"
                : "contains no PEM certificate (-----BEGIN CERTIFICATE-----)"));
            return (null, 0);
        }
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(text);
            var count = collection.Count;
            foreach (var c in collection) c.Dispose();
            if (count == 0)
            {
                findings.Add(Bad("contains no usable certificate"));
                return (null, 0);
            }
            return (path, count);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            findings.Add(Bad("has a PEM certificate that cannot be parsed"));
            return (null, 0);
        }
    }
}
