using System.Text.Json;
using ConnDiag.Serialization;

namespace ConnDiag.Cli.Output;

/// <summary>
/// The serializer setup for --json: the engine's own <see cref="ConnDiagJson"/> shape, so what the CLI writes
/// is what the metrics and report readers take back in.
/// </summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options => ConnDiagJson.Options;
}
