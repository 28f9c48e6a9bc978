using System.Diagnostics;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// Runs a layered diagnosis: the stages of a plan in order, each seeing what earlier ones proved. The first stage
/// that fails stops the run; every later stage is Skipped with a reason naming it.
/// </summary>
public sealed class EndpointDiagnoser
{
    private readonly Func<DiagnosticContext, StagePlan> _plan;

    /// <summary>A diagnoser with the default plan (<see cref="DefaultPlan"/>).</summary>
    public EndpointDiagnoser()
        : this(_ => DefaultPlan)
    {
    }

    /// <summary>A diagnoser with another plan per target, e.g. <c>c =&gt; EndpointDiagnoser.DefaultPlan.InsertAfter("http", auth)</c>.</summary>
    public EndpointDiagnoser(Func<DiagnosticContext, StagePlan> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
    }

    /// <summary>config → dns → tcp → proxy → tls → http. Stages that do not apply to a target skip themselves with the reason.</summary>
    public static StagePlan DefaultPlan { get; } = StagePlan.Of(
        new ConfigDiagnosticStage(),
        new DnsDiagnosticStage(),
        new TcpDiagnosticStage(),
        new ProxyDiagnosticStage(),
        new TlsDiagnosticStage(),
        new HttpDiagnosticStage());

    /// <summary>
    /// Diagnoses <paramref name="target"/>: an http or https URL, or <c>host:port</c> / <c>[v6]:port</c>
    /// (checked up to TCP, and TLS with <see cref="EndpointDiagnosisOptions.UseTls"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The target cannot be parsed or has another scheme; the message names the problem.</exception>
    public Task<DiagnosticReport> DiagnoseAsync(string target, EndpointDiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = target?.Trim() ?? "";
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) throw new ArgumentException($"'{TargetDisplay.Of(text)}': not a valid URL.", nameof(target));
            return DiagnoseAsync(uri, options, cancellationToken);
        }
        if (!Target.TryParse(text, defaultPort: null, out var parsed, out var error)) throw new ArgumentException(error, nameof(target));
        return RunAsync(new DiagnosticContext(parsed!, null, options ?? EndpointDiagnosisOptions.Default), cancellationToken);
    }

    /// <summary>Diagnoses an http or https URL.</summary>
    /// <exception cref="ArgumentException">The URL is relative, has no host, or its scheme is not http or https.</exception>
    public Task<DiagnosticReport> DiagnoseAsync(Uri uri, EndpointDiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{TargetDisplay.Of(uri.OriginalString)}': expected an absolute http or https URL.", nameof(uri));
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{TargetDisplay.Of(uri)}': scheme '{uri.Scheme}' is not supported: use http or https, or HOST:PORT.", nameof(uri));
        }
        if (!Target.TryParse(uri.GetLeftPart(UriPartial.Authority), defaultPort: null, out var parsed, out var error))
        {
            throw new ArgumentException(error, nameof(uri));
        }
        return RunAsync(new DiagnosticContext(parsed!, uri, options ?? EndpointDiagnosisOptions.Default), cancellationToken);
    }

    /// <summary>Diagnoses a parsed target (<see cref="EndpointTarget.TryParse"/>): its URL, or its host and port.</summary>
    public Task<DiagnosticReport> DiagnoseAsync(EndpointTarget target, EndpointDiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Uri is { } uri ? DiagnoseAsync(uri, options, cancellationToken) : DiagnoseAsync(target.Target, options, cancellationToken);
    }

    /// <summary>Diagnoses a bare host and port.</summary>
    public Task<DiagnosticReport> DiagnoseAsync(Target target, EndpointDiagnosisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return RunAsync(new DiagnosticContext(target, null, options ?? EndpointDiagnosisOptions.Default), cancellationToken);
    }

    private async Task<DiagnosticReport> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var run = Stopwatch.GetTimestamp();
        string? failed = null;
        foreach (var stage in _plan(context))
        {
            StageResult result;
            if (failed is not null)
            {
                result = StageResult.Skipped(stage.Name, stage.Layer, $"skipped: the {failed} stage failed");
            }
            else
            {
                var start = Stopwatch.GetTimestamp();
                result = await stage.RunAsync(context, cancellationToken).ConfigureAwait(false);
                // The diagnoser measures every stage the same way, whatever the stage reported.
                result = result with { Stage = stage.Name, DurationMs = StageClock.Since(start) };
                if (result.Outcome == Outcome.Fail) failed = stage.Name;
            }
            context.Record(result);
        }
        return new DiagnosticReport(context.Target, startedAt, StageClock.Since(run), context.Completed.ToList())
        {
            Url = context.Uri is null ? null : Secrets.SecretMasker.Default.MaskUri(context.Uri),
        };
    }
}
