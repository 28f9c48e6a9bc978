using System.Net;
using ConnDiag.Claude.Status;
using ConnDiag.Diagnosis;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>What the caller asked of the status-page stage: on/off/auto, and an explicit page (already validated).</summary>
/// <param name="Include">null: Anthropic's page for Anthropic's API only; false: off; true: also for a gateway.</param>
/// <param name="Page">An explicit page, or null for Anthropic's.</param>
/// <param name="Cache">Pages read within the last minute to reuse, or null to read the page every run.</param>
internal sealed record StatusPageChoice(bool? Include, StatusPageTarget? Page, StatusPageCache? Cache = null);

/// <summary>
/// The <c>status-page</c> stage: what the provider's Statuspage says right now, so an outage on their side is named
/// next to the local checks. It informs and never decides: every finding is lowered to a warning at most, and the
/// stage never fails. A base URL on this machine (or pinned to it) never makes it read a public page.
/// </summary>
internal sealed class StatusPageStage(ClaudeRun run, StatusPageChoice choice) : IDiagnosticStage
{
    public const string StageName = "status-page";

    /// <summary>A status page answers in a second or two; the stage waits no longer than this.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);

    public string Name => StageName;

    public Layer Layer => Layer.Api;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (SkipReason(context) is { } why) return StageResult.Skipped(Name, Layer, "skipped: " + why);
        var target = choice.Page ?? StatusPageTarget.ForProvider(StatusProviders.Anthropic);
        var options = new StatusPageOptions
        {
            Timeout = context.Options.Timeout > TimeSpan.Zero && context.Options.Timeout < MaxTimeout ? context.Options.Timeout : MaxTimeout,
            Proxy = Proxy(context),
            // The extra roots of this run (a TLS-inspecting proxy's, NODE_EXTRA_CA_CERTS) apply to the page too.
            CaBundlePath = context.Options.Http.CaBundlePath,
            Cache = choice.Cache,
        };
        var page = await new StatusPageClient(context.AddressResolver).GetAsync(target, options, cancellationToken).ConfigureAwait(false);
        run.StatusPage = page;
        // The page informs, it never decides: an unreadable page or an outage is a warning next to the verdict.
        var findings = page.Findings.Select(f => f.Severity == Severity.Error ? f with { Severity = Severity.Warning } : f).ToList();
        var outcome = findings.Any(f => f.Severity == Severity.Warning) ? Outcome.Warn : Outcome.Pass;
        var summary = page.Indicator == StatusIndicator.Unknown
            ? $"{target.Provider}'s status page ({target.PageUrl}) could not be read: {findings.FirstOrDefault()?.Summary ?? "no answer"}"
            : $"{target.Provider}'s status page ({target.PageUrl}): {page.Description ?? page.Indicator.ToString()}"
              + (page.NonOperationalComponents.Count > 0 ? "; not operational: " + string.Join(", ", page.NonOperationalComponents.Take(5).Select(c => $"{c.Name} ({c.Status})")) : "");
        return new StageResult(Name, Layer, outcome, page.FetchMs, summary, findings, page);
    }

    /// <summary>Why the stage does not read a page, or null when it does. Pure: decided without any request.</summary>
    internal string? SkipReason(DiagnosticContext context)
    {
        if (choice.Include == false) return "the status page was turned off";
        if (choice.Page is not null) return null;
        var host = run.BaseUrl.Host;
        if (ProfileDetector.IsLoopback(host)) return $"the base URL ({host}) is on this machine; Anthropic's status page does not speak for it (give a status page URL to read one)";
        if (context.Options.ConnectTo is { } pin && IPAddress.IsLoopback(pin.Address)) return $"the base URL is pinned to {pin} on this machine; Anthropic's status page does not speak for it (give a status page URL to read one)";
        if (run.OtherProvider) return $"Claude Code uses {run.Profile}, not Anthropic's API";
        if (host.Equals(ProfileDetector.AnthropicHost, StringComparison.OrdinalIgnoreCase) || choice.Include == true) return null;
        return $"the base URL's host {host} is not {ProfileDetector.AnthropicHost}; Anthropic's status page does not speak for it (turn the status page on, or give its URL, to read one)";
    }

    /// <summary>The run's proxy for https (the page is https), or null when it goes direct.</summary>
    private static IWebProxy? Proxy(DiagnosticContext context)
    {
        var settings = ProxySettings.Resolve("https", context.Options.Proxy, context.Options.EnvironmentVariables);
        return settings.Proxy is null ? null : new ProxySettingsWebProxy(settings);
    }
}
