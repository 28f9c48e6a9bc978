using System.Text.Json;
using ConnDiag.Findings;
using ConnDiag.Secrets;

namespace ConnDiag.Claude.Router;

/// <summary>Providers[]: present and non-empty, each with name, api_base_url and models, names unique.</summary>
internal static class ProviderRules
{
    public static IReadOnlyList<RouterProvider> Check(RouterConfigContext c)
    {
        var providers = RouterConfigContext.Get(c.Root, "Providers");
        if (providers is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            var lower = RouterConfigContext.Get(c.Root, "providers") is not null ? " A key \"providers\" exists, but the router reads \"Providers\" (capital P)." : "";
            c.Add(FindingCodes.RouterProvidersMissing,
                $"{c.Path} defines no providers: \"Providers\" is {(providers is { ValueKind: JsonValueKind.Array } ? "an empty array" : RouterConfigContext.Kind(providers))}.",
                $"Providers is {RouterConfigContext.Kind(providers)}.{lower}");
            return [];
        }

        var result = new List<RouterProvider>();
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            result.Add(One(c, entry, $"Providers[{i++}]"));
        }

        foreach (var group in result.Where(p => !string.IsNullOrEmpty(p.Name)).GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var indexes = result.Select((p, k) => (p, k)).Where(x => string.Equals(x.p.Name, group.Key, StringComparison.OrdinalIgnoreCase)).Select(x => $"Providers[{x.k}]");
            c.Add(FindingCodes.RouterProviderDuplicate,
                $"Provider name \"{group.Key}\" is used {group.Count()} times ({string.Join(", ", indexes)}).",
                $"Names compared case-insensitively: {string.Join(", ", group.Select(p => "\"" + p.Name + "\""))}.");
        }
        return result;
    }

    private static RouterProvider One(RouterConfigContext c, JsonElement entry, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            c.Add(FindingCodes.RouterProviderInvalid, $"{path} is {RouterConfigContext.Kind(entry)}, not a provider object.", $"{path} is {RouterConfigContext.Kind(entry)}.");
            return new RouterProvider(null, null, [], RouterKeySource.None, null, null, false);
        }

        var problems = new List<string>();
        var name = RouterConfigContext.GetString(entry, "name");
        var label = string.IsNullOrWhiteSpace(name) ? path : $"{path} (\"{name}\")";
        if (string.IsNullOrWhiteSpace(name)) problems.Add($"\"name\" is {Describe(RouterConfigContext.Get(entry, "name"))}");
        else name = c.Resolve(name);

        var rawUrl = RouterConfigContext.GetString(entry, "api_base_url");
        if (rawUrl is not null) RegisterQuerySecrets(c, rawUrl);
        string? url = null;
        if (rawUrl is null || rawUrl.Trim().Length == 0)
        {
            problems.Add($"\"api_base_url\" is {Describe(RouterConfigContext.Get(entry, "api_base_url"))}");
        }
        else if (!c.HasUnresolved(rawUrl))
        {
            url = c.Resolve(rawUrl);
            if (UrlProblem(url) is { } problem) problems.Add($"\"api_base_url\" {problem}");
            else RegisterQuerySecrets(c, url);
        }

        var models = new List<string>();
        var modelsElement = RouterConfigContext.Get(entry, "models");
        if (modelsElement is not { ValueKind: JsonValueKind.Array } m || m.GetArrayLength() == 0)
        {
            problems.Add($"\"models\" is {(modelsElement is { ValueKind: JsonValueKind.Array } ? "an empty array" : Describe(modelsElement))}: it must list at least one model id");
        }
        else
        {
            var k = 0;
            foreach (var model in m.EnumerateArray())
            {
                if (model.ValueKind == JsonValueKind.String && model.GetString()!.Trim().Length > 0) models.Add(c.Resolve(model.GetString()!));
                else problems.Add($"models[{k}] is {RouterConfigContext.Kind(model)}, not a model id");
                k++;
            }
        }

        var (source, variable, maskedKey) = Key(c, entry);
        foreach (var problem in problems)
        {
            c.Add(FindingCodes.RouterProviderInvalid, $"{label}: {problem}.", $"{path} has keys: {string.Join(", ", entry.EnumerateObject().Select(p => p.Name))}.");
        }
        var shownUrl = url is null ? (rawUrl is null ? null : c.Masker().MaskText(rawUrl)) : Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? c.Masker().MaskUri(u) : url;
        return new RouterProvider(name, shownUrl, models, source, variable, maskedKey, problems.Count == 0);
    }

    private static readonly string[] SecretQueryNames = ["key", "api_key", "apikey", "api-key", "token", "access_token", "secret", "sig", "signature"];

    /// <summary>Gemini-style URLs carry the key as ?key=...: that value must not appear in any finding text either.</summary>
    private static void RegisterQuerySecrets(RouterConfigContext c, string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return;
        var hash = url.IndexOf('#', q);
        foreach (var pair in url[(q + 1)..(hash < 0 ? url.Length : hash)].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !SecretQueryNames.Contains(Uri.UnescapeDataString(pair[..eq]), StringComparer.OrdinalIgnoreCase)) continue;
            c.Secret(pair[(eq + 1)..]);
            c.Secret(Uri.UnescapeDataString(pair[(eq + 1)..]));
        }
    }

    private static string Describe(JsonElement? e) => e is { ValueKind: JsonValueKind.String } ? "empty" : RouterConfigContext.Kind(e);

    /// <summary>Why a URL cannot be an api_base_url, or null when it can.</summary>
    internal static string? UrlProblem(string url)
    {
        if (url.Any(char.IsWhiteSpace)) return "contains white space (a stray space or line break)";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "is not an absolute URL (expected http(s)://host/path)";
        if (uri.Scheme is not ("http" or "https")) return $"uses the scheme '{uri.Scheme}'; the router speaks http and https only";
        if (uri.Host.Length == 0) return "has no host";
        return null;
    }

    private static (RouterKeySource Source, string? Variable, string? Masked) Key(RouterConfigContext c, JsonElement entry)
    {
        var raw = RouterConfigContext.GetString(entry, "api_key");
        if (raw is null) return (RouterKeySource.None, null, null);
        if (raw.Length == 0) return (RouterKeySource.Empty, null, null);
        var refs = EnvReferences.Find(raw, c.Options.Environment);
        if (refs.Count == 0)
        {
            c.Secret(raw);
            return (RouterKeySource.Inline, null, SecretMasker.Mask(raw));
        }
        var variable = refs[0].Variable;
        if (refs.Any(r => !r.Resolved)) return (RouterKeySource.Unresolved, variable, null);
        var value = c.Resolve(raw);
        c.Secret(value);
        return (RouterKeySource.Environment, variable, SecretMasker.Mask(value));
    }
}
