namespace ConnDiag.Claude.Api;

/// <summary>Which credential headers a request carried.</summary>
public enum CredentialHeader
{
    /// <summary>No credential.</summary>
    None,

    /// <summary><c>x-api-key</c> (ANTHROPIC_API_KEY).</summary>
    ApiKey,

    /// <summary><c>Authorization: Bearer</c> (ANTHROPIC_AUTH_TOKEN).</summary>
    Bearer,

    /// <summary>Both, as Claude Code sends them when both variables are set.</summary>
    Both,
}

/// <summary>What a request was for, so its answer can be read in context (a 404 for a model is not a 404 for a path).</summary>
/// <param name="Label">The request as people read it, e.g. <c>GET /v1/models?limit=1</c>.</param>
/// <param name="Credential">The credential headers sent.</param>
/// <param name="Model">The model the request named, or null.</param>
/// <param name="ModelSource">Where that model came from (<c>ANTHROPIC_MODEL (environment)</c>, <c>first listed model</c>...), or null.</param>
public sealed record ApiCall(string Label, CredentialHeader Credential, string? Model = null, string? ModelSource = null)
{
    /// <summary>The credential in words for findings.</summary>
    public string CredentialText => Credential switch
    {
        CredentialHeader.ApiKey => "the API key was sent as x-api-key",
        CredentialHeader.Bearer => "the auth token was sent as Authorization: Bearer",
        CredentialHeader.Both => "both x-api-key and Authorization: Bearer were sent",
        _ => "no credential was sent",
    };
}
