using System.Globalization;
using System.Text;
using ConnDiag.Diagnosis;

namespace ConnDiag.Cli.Parsing;

/// <summary>
/// The endpoint command's targets from arguments, --file and stdin, parsed by the engine's
/// <see cref="EndpointTarget.TryParse"/> (so the CLI and Test-Endpoint accept the same forms). Everything is read
/// and parsed before the first probe, with the same line and count caps as <see cref="TargetList"/>.
/// </summary>
internal static class EndpointTargetList
{
    public static List<EndpointTarget> Build(IEnumerable<TargetSource> sources, Func<TextReader> openStdin, CancellationToken cancellationToken = default)
    {
        var targets = new List<EndpointTarget>();
        var stdinRead = false;
        foreach (var source in sources)
        {
            switch (source)
            {
                case TargetSource.Text t:
                    Add(targets, t.Value, where: null);
                    break;
                case TargetSource.File f:
                    using (var reader = TargetList.OpenFile(f.Path))
                    {
                        ReadInto(targets, reader, f.Path, cancellationToken);
                    }
                    break;
                case TargetSource.Stdin:
                    if (stdinRead) throw new UsageException("stdin ('-' or --file -) can be read only once");
                    stdinRead = true;
                    ReadInto(targets, openStdin(), TargetList.StdinName, cancellationToken);
                    break;
            }
        }
        // A read cut short by Ctrl+C looks like the end of the input; it must not become "no targets".
        cancellationToken.ThrowIfCancellationRequested();
        return targets;
    }

    private static void ReadInto(List<EndpointTarget> targets, TextReader reader, string name, CancellationToken cancellationToken)
    {
        var line = 0;
        var buffer = new StringBuilder();
        while (TargetList.ReadLine(reader, buffer, name, line + 1) is { } text)
        {
            line++;
            cancellationToken.ThrowIfCancellationRequested();
            var content = TargetList.StripComment(text).Trim();
            if (content.Length == 0) continue;
            Add(targets, content, $"{name}:{line.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void Add(List<EndpointTarget> targets, string text, string? where)
    {
        if (!EndpointTarget.TryParse(text, out var target, out var error))
        {
            // The engine's message already masks credentials in a URL.
            throw new UsageException((where is null ? "" : where + ": ") + "invalid target: " + error);
        }
        if (targets.Count >= TargetList.MaxTargets)
        {
            throw new UsageException($"too many targets: the limit is {TargetList.MaxTargets.ToString(CultureInfo.InvariantCulture)} per run; split the list");
        }
        targets.Add(target!);
    }
}
