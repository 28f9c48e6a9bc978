using System.Text.Json;
using ConnDiag.Findings;

namespace ConnDiag.Claude.Router;

/// <summary>Router: default present, every route "provider,model" naming a known provider and one of its models.</summary>
internal static class RouteRules
{
    /// <summary>The route keys in the order the router consults them after an explicit model.</summary>
    private static readonly string[] Keys = ["default", "background", "think", "longContext", "webSearch", "image"];

    public static IReadOnlyList<RouterRoute> Check(RouterConfigContext c, IReadOnlyList<RouterProvider> providers)
    {
        var router = RouterConfigContext.Get(c.Root, "Router");
        if (router is not { ValueKind: JsonValueKind.Object } obj)
        {
            c.Add(FindingCodes.RouterRouteInvalid, $"{c.Path} has no \"Router\" object, so Router.default is missing.",
                $"Router is {RouterConfigContext.Kind(router)}.",
                "Add \"Router\": { \"default\": \"provider,model\" } naming one of the providers and one of its models.");
            return [];
        }

        var routes = new List<RouterRoute>();
        foreach (var key in Keys)
        {
            var value = RouterConfigContext.Get(obj, key);
            var path = "Router." + key;
            if (value is null || value.Value.ValueKind == JsonValueKind.Null || (value.Value.ValueKind == JsonValueKind.String && value.Value.GetString()!.Length == 0))
            {
                // Optional routes are left empty by the router's UI; only default must be set.
                if (key == "default")
                {
                    c.Add(FindingCodes.RouterRouteInvalid, "Router.default is missing: requests that match no other route have nowhere to go.",
                        $"Router.default is {(value is null ? "missing" : "empty")}; Router has keys: {string.Join(", ", obj.EnumerateObject().Select(p => p.Name))}.",
                        "Set Router.default to \"provider,model\" naming one of the providers and one of its models.");
                }
                continue;
            }
            if (value.Value.ValueKind != JsonValueKind.String)
            {
                c.Add(FindingCodes.RouterRouteInvalid, $"{path} is {RouterConfigContext.Kind(value)}, not a \"provider,model\" string.", $"{path} is {RouterConfigContext.Kind(value)}.");
                routes.Add(new RouterRoute(key, null, null, false));
                continue;
            }
            var raw = value.Value.GetString()!;
            routes.Add(c.HasUnresolved(raw) ? new RouterRoute(key, null, null, false) : One(c, providers, path, key, c.Resolve(raw)));
        }
        return routes;
    }

    private static RouterRoute One(RouterConfigContext c, IReadOnlyList<RouterProvider> providers, string path, string key, string route)
    {
        var comma = route.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            var hint = route.Contains('/', StringComparison.Ordinal) ? " It looks like v3's \"provider/model\" form, which v1/v2 do not understand." : "";
            c.Add(FindingCodes.RouterRouteInvalid, $"{path} \"{route}\" is not \"provider,model\": it has no comma.{hint}", $"{path} = \"{route}\".");
            return new RouterRoute(key, null, null, false);
        }
        var provider = route[..comma];
        var model = route[(comma + 1)..];
        if (provider.Trim().Length == 0 || model.Trim().Length == 0 || provider != provider.Trim() || model != model.Trim())
        {
            var what = provider.Trim().Length == 0 ? "the provider part is empty" : model.Trim().Length == 0 ? "the model part is empty" : "there are spaces around the comma or at the ends";
            c.Add(FindingCodes.RouterRouteInvalid, $"{path} \"{route}\" is not \"provider,model\": {what}.", $"{path} = \"{route}\"; the router splits on the first comma and does not trim.");
            return new RouterRoute(key, provider.Trim(), model.Trim(), false);
        }

        var match = providers.FirstOrDefault(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var known = providers.Where(p => p.Name is not null).Select(p => p.Name!).ToList();
            c.Add(FindingCodes.RouterRouteUnknownProvider, $"{path} routes to provider \"{provider}\", which is not in Providers.",
                $"{path} = \"{route}\"; providers: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
            return new RouterRoute(key, provider, model, false);
        }
        if (!match.Models.Contains(model, StringComparer.Ordinal))
        {
            c.Add(FindingCodes.RouterRouteUnknownModel, $"{path} routes to model \"{model}\", which provider \"{match.Name}\" does not list.",
                $"{path} = \"{route}\"; \"{match.Name}\" lists: {(match.Models.Count == 0 ? "nothing" : string.Join(", ", match.Models))}.");
            return new RouterRoute(key, provider, model, false);
        }
        return new RouterRoute(key, provider, model, true);
    }
}
