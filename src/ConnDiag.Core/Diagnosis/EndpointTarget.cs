using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// What to diagnose, from the forms an operator types: an http or https URL; a bare host, which means
/// <c>https://host/</c>; <c>host:443</c> (https) and <c>host:80</c> (http), which mean the URL on that port; or
/// <c>host:port</c> on any other port, checked as a TCP service (and TLS when asked) without an HTTP request.
/// </summary>
/// <param name="Input">The text as given, for matching results back to inputs; never serialized (it may carry a key in a query string): show <see cref="ToString"/>.</param>
/// <param name="Target">Host and port.</param>
/// <param name="Uri">The URL, or null for a host:port service target.</param>
public sealed record EndpointTarget(
    [property: System.Text.Json.Serialization.JsonIgnore] string Input,
    Target Target,
    [property: System.Text.Json.Serialization.JsonIgnore] Uri? Uri)
{
    /// <summary>Parses one target; <paramref name="error"/> names what is wrong with it and how to write it.</summary>
    public static bool TryParse(string? text, out EndpointTarget? target, out string? error)
    {
        target = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "Empty target: give a URL (https://host/path), a host name, or HOST:PORT.";
            return false;
        }
        if (s.Contains("://", StringComparison.Ordinal))
        {
            return TryParseUrl(s, out target, out error);
        }
        if (s.Contains('@', StringComparison.Ordinal))
        {
            // USER:PASSWORD@HOST would otherwise reach Target's parser, whose error echoes the text (a password as a "port").
            error = $"'{Secrets.SecretMasker.Hidden}@{s[(s.LastIndexOf('@') + 1)..]}': a target cannot carry user credentials: remove them and pass a token or credential separately.";
            return false;
        }
        if (!Target.TryParseParts(s, out var host, out var port, out error)) return false;
        if (port is null or 443 or 80)
        {
            var scheme = port == 80 ? "http" : "https";
            var authority = host!.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
            return TryParseUrl($"{scheme}://{authority}{(port is null ? "" : ":" + port)}/", out target, out error, input: s);
        }
        if (!Target.TryCreate(host, port.Value, out var t, out error)) return false;
        target = new EndpointTarget(s, t!, null);
        return true;
    }

    /// <summary>Parses one target or throws <see cref="ArgumentException"/> with the specific message.</summary>
    public static EndpointTarget Parse(string text) =>
        TryParse(text, out var target, out var error) ? target! : throw new ArgumentException(error, nameof(text));

    /// <inheritdoc/>
    /// <remarks>A key in the URL's query or user info is masked: the text ends up in messages and logs.</remarks>
    public override string ToString() => Uri is null ? Target.ToString() : TargetDisplay.Of(Uri);

    private static bool TryParseUrl(string s, out EndpointTarget? target, out string? error, string? input = null)
    {
        target = null;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{TargetDisplay.Of(s)}' is not a valid URL: expected e.g. https://api.example.com/v1/health.";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{TargetDisplay.Of(uri)}': scheme '{uri.Scheme}' is not supported: use http:// or https://, or HOST:PORT for any other TCP service.";
            return false;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in a URL end up in logs and history; the front ends take -Credential/-Token instead.
            error = $"'{TargetDisplay.Of(uri)}': the URL carries user credentials: remove them and pass a token or credential separately (Test-Endpoint -Token/-Credential, conndiag endpoint --token-env/--user-env).";
            return false;
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        if (!Target.TryCreate(host, uri.Port, out var t, out error)) return false;
        target = new EndpointTarget(input ?? s, t!, uri);
        error = null;
        return true;
    }
}
