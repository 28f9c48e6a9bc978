using System.Net;
using ConnDiag.Claude.Config;

namespace ConnDiag.Claude.Profile;

/// <summary>Chooses the profile before anything is sent: provider switches first, then the base URL's host and port.</summary>
public static class ProfileDetector
{
    /// <summary>Anthropic's API host.</summary>
    public const string AnthropicHost = "api.anthropic.com";

    /// <summary>claude-code-router's default port.</summary>
    public const int RouterPort = 3456;

    /// <summary>The profile for this base URL and configuration, and the reason in words.</summary>
    public static (ClaudeProfile Profile, string Reason) Detect(Uri baseUrl, ClaudeConfig config)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (name, profile) in new[] { (ClaudeVariables.UseBedrock, ClaudeProfile.Bedrock), (ClaudeVariables.UseVertex, ClaudeProfile.Vertex), (ClaudeVariables.UseFoundry, ClaudeProfile.Foundry) })
        {
            if (ClaudeVariables.IsOn(config.Raw(name))) return (profile, $"{name} is set ({config.SourceOf(name)})");
        }
        var host = baseUrl.IdnHost.Trim('[', ']');
        if (host.Equals(AnthropicHost, StringComparison.OrdinalIgnoreCase)) return (ClaudeProfile.Anthropic, $"the base URL is {AnthropicHost}");
        if (IsLoopback(host))
        {
            return baseUrl.Port == RouterPort
                ? (ClaudeProfile.ClaudeCodeRouter, $"the base URL is on this machine, port {RouterPort} (claude-code-router's default)")
                : (ClaudeProfile.Gateway, "the base URL is on this machine, not on claude-code-router's default port (the api-shape stage recognises a router on another port)");
        }
        return (ClaudeProfile.Gateway, $"the base URL's host {host} is not {AnthropicHost}");
    }

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var a) && IPAddress.IsLoopback(a));
}
