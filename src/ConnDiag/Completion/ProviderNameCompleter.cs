using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ConnDiag.Claude.Status;

namespace ConnDiag.Completion;

/// <summary>
/// Tab completion for -Provider: the built-in providers whose names start with what was typed (any case).
/// A completer rather than [ValidateSet], so the engine's error for an unknown name (which lists the names and
/// points at -StatusPageUrl) is what users see.
/// </summary>
public sealed class ProviderNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var p in Matching(wordToComplete))
        {
            yield return new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue, p.PageUrl.ToString());
        }
    }

    /// <summary>The built-in providers whose names start with the typed word (quotes ignored, any case).</summary>
    public static IEnumerable<StatusProvider> Matching(string? wordToComplete)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return StatusProviders.All.Where(p => p.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
