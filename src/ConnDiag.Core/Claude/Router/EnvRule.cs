using System.Text.Json;
using ConnDiag.Findings;

namespace ConnDiag.Claude.Router;

/// <summary>ROUTER.ENV_UNRESOLVED: every string in the config, at any depth, named by its key path.</summary>
internal static class EnvRule
{
    public static void Check(RouterConfigContext c) => Walk(c, c.Root, "");

    private static string LastSegment(string path)
    {
        var dot = path.LastIndexOf('.');
        var name = dot < 0 ? path : path[(dot + 1)..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? name : name[..bracket];
    }

    private static void Walk(RouterConfigContext c, JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(c, p.Value, RouterConfigContext.Member(path, p.Name));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(c, item, $"{path}[{i++}]");
                break;
            case JsonValueKind.String:
                foreach (var r in EnvReferences.Find(e.GetString()!, c.Options.Environment))
                {
                    if (r.Resolved)
                    {
                        // Keys come from the environment precisely so that they stay out of files and reports.
                        if (SecretRule.IsSecretName(LastSegment(path)) || SecretRule.IsSecretName(r.Variable)) c.Secret(r.Value);
                        continue;
                    }
                    var state = r.Value is null ? "is not set" : "is set but empty";
                    c.Add(FindingCodes.RouterEnvUnresolved,
                        $"{path} refers to ${r.Variable}, which {state} in the router's environment; the router would use the literal text.",
                        $"{path} = \"{e.GetString()}\"; environment variable {r.Variable} {state}.",
                        $"Set {r.Variable} in the environment the router starts from (the shell running 'ccr start', or the service's unit/launchd/task definition) and restart the router.");
                }
                break;
        }
    }
}
