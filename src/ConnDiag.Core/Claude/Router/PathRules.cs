using System.Text.Json;
using ConnDiag.Findings;

namespace ConnDiag.Claude.Router;

/// <summary>
/// CUSTOM_ROUTER_PATH and transformers[].path must name files that exist. Node's require() does not expand
/// <c>~</c>; a relative path is resolved here against the config's directory (where people keep these scripts).
/// </summary>
internal static class PathRules
{
    public static void Check(RouterConfigContext c)
    {
        if (RouterConfigContext.GetString(c.Root, "CUSTOM_ROUTER_PATH") is { } custom) One(c, "CUSTOM_ROUTER_PATH", custom);
        if (RouterConfigContext.Get(c.Root, "transformers") is { ValueKind: JsonValueKind.Array } transformers)
        {
            var i = 0;
            foreach (var t in transformers.EnumerateArray())
            {
                var path = $"transformers[{i++}].path";
                if (t.ValueKind == JsonValueKind.Object && RouterConfigContext.GetString(t, "path") is { } p) One(c, path, p);
                else if (t.ValueKind == JsonValueKind.Object)
                {
                    c.Add(FindingCodes.RouterPathMissing, $"{path} is missing: a transformer entry needs the path of its JavaScript file.", $"transformers[{i - 1}] has no string \"path\".");
                }
            }
        }
    }

    private static void One(RouterConfigContext c, string key, string raw)
    {
        if (raw.Trim().Length == 0 || c.HasUnresolved(raw)) return;
        var value = c.Resolve(raw).Trim();
        if (value.StartsWith('~'))
        {
            c.Add(FindingCodes.RouterPathMissing, $"{key} \"{value}\" starts with ~, which Node does not expand: the router looks for a directory literally named ~.",
                $"{key} = \"{raw}\".", $"Write the full path, or \"$HOME{value[1..]}\" (the router expands $HOME).");
            return;
        }
        var full = Path.IsPathRooted(value) ? value : Path.GetFullPath(Path.Combine(c.Directory, value));
        if (File.Exists(full)) return;
        var what = Directory.Exists(full) ? "is a directory, not a JavaScript file" : "does not exist";
        c.Add(FindingCodes.RouterPathMissing, $"{key} {full} {what}.",
            $"{key} = \"{raw}\"{(full == value ? "" : $", resolved against {c.Directory}")}.");
    }
}
