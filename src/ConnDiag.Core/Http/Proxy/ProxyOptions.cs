using System.Text;
using System.Text.Json.Serialization;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// What the caller says about proxies. Explicit values win over the environment, as curl's <c>--proxy</c> and
/// <c>--noproxy</c> win over the variables: an empty <see cref="Proxy"/> means "no proxy" even when
/// <c>HTTPS_PROXY</c> is set, and an empty <see cref="NoProxy"/> means "bypass nothing" even when
/// <c>NO_PROXY</c> is set. Null means "not given": read the environment (unless <see cref="UseEnvironment"/> is false).
/// </summary>
/// <param name="Proxy">Proxy URL (may carry credentials; never serialized or printed unmasked).</param>
/// <param name="NoProxy">NO_PROXY-style list.</param>
/// <param name="UseEnvironment">Read the proxy environment variables for whatever is not given.</param>
/// <param name="Credentials">Credentials that replace any in the proxy URL (like curl's <c>--proxy-user</c>).</param>
public sealed record ProxyOptions(
    [property: JsonIgnore] string? Proxy = null,
    string? NoProxy = null,
    bool UseEnvironment = true,
    ProxyCredentials? Credentials = null)
{
    /// <summary>No explicit values; everything from the environment.</summary>
    public static ProxyOptions Default { get; } = new();

    /// <summary>The proxy URL with credentials masked, for display.</summary>
    public string? ProxyDisplay => Proxy is null ? null : SecretMasker.MaskUrlCredentials(Proxy);

    // The generated ToString would print Proxy as given, credentials and all.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Proxy = ").Append(ProxyDisplay ?? "null")
            .Append(", NoProxy = ").Append(NoProxy ?? "null")
            .Append(", UseEnvironment = ").Append(UseEnvironment)
            .Append(", Credentials = ").Append(Credentials?.Display ?? "null");
        return true;
    }
}
