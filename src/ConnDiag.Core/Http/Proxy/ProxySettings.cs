using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// The proxy settings that apply to targets of one URL scheme, each with its source, resolved from explicit
/// options and the environment with curl's precedence (see <see cref="ProxyEnvironment"/>). Safe to print and
/// serialize: the proxy's credentials only ever appear masked.
/// </summary>
/// <param name="TargetScheme">The target URL scheme these settings are for (<c>https</c>, <c>http</c>), lower case.</param>
/// <param name="Proxy">The proxy, or null when none is configured (or the configured text is unusable: see <paramref name="ProxyError"/>).</param>
/// <param name="ProxySource">Where the proxy (or the unusable text) came from; null when nothing was configured.</param>
/// <param name="ProxyError">Why the configured proxy text cannot be used (masked), or null.</param>
/// <param name="NoProxy">The NO_PROXY list.</param>
/// <param name="NoProxySource">Where the NO_PROXY list came from, or null.</param>
/// <param name="Consulted">The environment variables that were looked at for the proxy, in order (empty when an option decided).</param>
public sealed record ProxySettings(
    string TargetScheme,
    ProxyServer? Proxy,
    ProxyValueSource? ProxySource,
    string? ProxyError,
    NoProxyMatcher NoProxy,
    ProxyValueSource? NoProxySource,
    IReadOnlyList<string> Consulted)
{
    /// <summary>Option name used as the source of an explicit proxy URL.</summary>
    public const string ProxyOptionName = "Proxy";

    /// <summary>Option name used as the source of an explicit NO_PROXY list.</summary>
    public const string NoProxyOptionName = "NoProxy";

    /// <summary>No proxy at all, for https targets.</summary>
    public static ProxySettings None { get; } = new("https", null, null, null, NoProxyMatcher.Empty, null, []);

    /// <summary>True when a proxy (usable or not) is configured.</summary>
    public bool IsConfigured => Proxy is not null || ProxyError is not null;

    /// <summary>
    /// Resolves the settings for targets of <paramref name="targetScheme"/>: explicit <paramref name="options"/>
    /// first, then (when allowed) the environment read through <paramref name="environment"/> (the process
    /// environment when null). Never throws for bad values: an unusable proxy URL is reported in <see cref="ProxyError"/>.
    /// </summary>
    public static ProxySettings Resolve(string targetScheme, ProxyOptions? options = null, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetScheme);
        var scheme = targetScheme.Trim().ToLowerInvariant();
        options ??= ProxyOptions.Default;
        var env = options.UseEnvironment ? environment ?? ProxyEnvironment.Process : (_ => null);

        string? proxyText = null;
        ProxyValueSource? proxySource = null;
        IReadOnlyList<string> consulted = [];
        if (options.Proxy is not null)
        {
            // An empty option is "explicitly no proxy"; the source stays so the decision can say who turned it off.
            proxySource = new ProxyValueSource(ProxySourceKind.Option, ProxyOptionName);
            proxyText = options.Proxy.Trim().Length == 0 ? null : options.Proxy;
        }
        else if (options.UseEnvironment)
        {
            consulted = ProxyEnvironment.ProxyVariablesFor(scheme);
            if (ProxyEnvironment.FirstSet(env, consulted) is { } found)
            {
                proxySource = new ProxyValueSource(ProxySourceKind.Environment, found.Name);
                proxyText = found.Value;
            }
        }

        ProxyServer? proxy = null;
        string? error = null;
        if (proxyText is not null)
        {
            if (ProxyServer.TryParse(proxyText, out var parsed, out var why))
            {
                proxy = options.Credentials is { } c ? parsed!.WithCredentials(c) : parsed;
            }
            else
            {
                error = why;
            }
        }

        NoProxyMatcher noProxy = NoProxyMatcher.Empty;
        ProxyValueSource? noProxySource = null;
        if (options.NoProxy is not null)
        {
            noProxy = NoProxyMatcher.Parse(options.NoProxy);
            noProxySource = new ProxyValueSource(ProxySourceKind.Option, NoProxyOptionName);
        }
        else if (ProxyEnvironment.FirstSet(env, ProxyEnvironment.NoProxyVariables) is { } np)
        {
            noProxy = NoProxyMatcher.Parse(np.Value);
            noProxySource = new ProxyValueSource(ProxySourceKind.Environment, np.Name);
        }

        return new ProxySettings(scheme, proxy, proxySource, error, noProxy, noProxySource, consulted);
    }

    /// <summary>
    /// How a client reaches <paramref name="host"/>:<paramref name="port"/> with these settings. NO_PROXY is
    /// checked first, as curl does, so a bypassed target never touches an unusable proxy URL.
    /// </summary>
    public ProxyDecision Decide(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var target = Target.Format(host.Trim('[', ']'), port);
        if (!IsConfigured)
        {
            return new ProxyDecision(ProxyRoute.Direct, null, null, ProxySource is { Kind: ProxySourceKind.Option }
                ? $"no proxy: the {ProxySource} is empty, which turns proxies off"
                : Consulted.Count > 0
                    ? $"no proxy configured for {TargetScheme} targets ({string.Join(", ", Consulted)} are unset)"
                    : $"no proxy configured for {TargetScheme} targets");
        }
        if (NoProxy.Match(host, port) is { } entry)
        {
            var what = entry.Kind == NoProxyEntryKind.Everything
                ? $"NO_PROXY is '*' ({NoProxySource}), so no host uses the proxy"
                : $"NO_PROXY entry {entry} ({NoProxySource}) matched {target}";
            return new ProxyDecision(ProxyRoute.Bypassed, Proxy, entry, what);
        }
        if (Proxy is null)
        {
            return new ProxyDecision(ProxyRoute.Unusable, null, null, $"the proxy from the {ProxySource} cannot be used: {ProxyError}");
        }
        return new ProxyDecision(ProxyRoute.ViaProxy, Proxy, null, $"via {Proxy.Url} (from the {ProxySource})");
    }

    /// <summary>All secret values these settings carry, for scrubbing text a peer sent back.</summary>
    internal IEnumerable<string> SecretValues => Proxy?.Credentials?.SecretValues ?? [];

    /// <inheritdoc/>
    public override string ToString() =>
        (Proxy is not null ? $"proxy {Proxy.Url} from the {ProxySource}"
            : ProxyError is not null ? $"unusable proxy from the {ProxySource}: {ProxyError}"
            : "no proxy")
        + (NoProxy.Entries.Count > 0 ? $"; NO_PROXY '{NoProxy.Raw}' from the {NoProxySource}" : "");
}
