namespace ConnDiag.Claude.Profile;

/// <summary>What kind of endpoint Claude Code talks to; it decides which answers are normal.</summary>
public enum ClaudeProfile
{
    /// <summary>Decide from the base URL and the environment.</summary>
    Auto,

    /// <summary>Anthropic's own API (api.anthropic.com).</summary>
    Anthropic,

    /// <summary>An LLM gateway or proxy speaking the Anthropic Messages format.</summary>
    Gateway,

    /// <summary>claude-code-router on this machine.</summary>
    ClaudeCodeRouter,

    /// <summary>CLAUDE_CODE_USE_BEDROCK: Amazon Bedrock, not the base URL.</summary>
    Bedrock,

    /// <summary>CLAUDE_CODE_USE_VERTEX: Google Vertex AI, not the base URL.</summary>
    Vertex,

    /// <summary>CLAUDE_CODE_USE_FOUNDRY: Microsoft Foundry, not the base URL.</summary>
    Foundry,
}
