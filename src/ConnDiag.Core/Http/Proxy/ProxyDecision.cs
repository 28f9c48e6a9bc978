namespace ConnDiag.Http.Proxy;

/// <summary>How a client with these proxy settings reaches a target.</summary>
public enum ProxyRoute
{
    /// <summary>No proxy is configured for the target's scheme.</summary>
    Direct,

    /// <summary>Through the configured proxy.</summary>
    ViaProxy,

    /// <summary>A proxy is configured but a NO_PROXY entry matches the target, so the client goes direct.</summary>
    Bypassed,

    /// <summary>A proxy is configured but its URL cannot be used (curl fails the transfer).</summary>
    Unusable,
}

/// <summary>The route for one target and why.</summary>
/// <param name="Route">Direct, via the proxy, bypassed, or unusable.</param>
/// <param name="Proxy">The proxy used (ViaProxy) or that would have been used (Bypassed); credentials masked in text.</param>
/// <param name="MatchedEntry">The NO_PROXY entry that matched (Bypassed).</param>
/// <param name="Reason">One sentence naming the setting and its source.</param>
public sealed record ProxyDecision(ProxyRoute Route, ProxyServer? Proxy, NoProxyEntry? MatchedEntry, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Route}: {Reason}";
}
