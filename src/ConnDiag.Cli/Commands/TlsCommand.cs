using System.Globalization;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag tls`: handshake with targets (or read chain files), render the chain reports, map the exit code.</summary>
internal static class TlsCommand
{
    public const string Name = "tls";
    public const int DefaultThrottle = 32;
    public const int MaxMinimumDays = 3650;

    internal sealed record Arguments(
        IReadOnlyList<TargetSource> Sources,
        IReadOnlyList<int> Ports,
        IReadOnlyList<string> Files,
        string? ServerName,
        string? CaBundle,
        bool CaBundleOnly,
        bool CheckRevocation,
        int MinimumDays,
        bool SkipCertificateCheck,
        TimeSpan Timeout,
        int Throttle,
        AddressFamilyFilter Family,
        bool Json,
        bool Help,
        ConnDiag.Clock.ClockSource? ClockCheck = null);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var sources = new List<TargetSource>();
        var ports = new List<int>();
        var files = new List<string>();
        string? serverName = null, caBundle = null;
        ConnDiag.Clock.ClockSource? clockCheck = null;
        var timeout = TlsProbeOptions.DefaultTimeout;
        var throttle = DefaultThrottle;
        var minDays = TlsChainOptions.DefaultMinimumDaysValid;
        bool caOnly = false, revocation = false, skip = false, ipv4 = false, ipv6 = false, json = false, help = false;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                sources.Add(arg.Text == "-" ? new TargetSource.Stdin() : new TargetSource.Text(arg.Text));
                continue;
            }
            switch (arg.Name)
            {
                case "-p" or "--port":
                    ports.AddRange(ValueParsers.PortList(arg.Name, reader.ValueOf(arg)));
                    break;
                case "-f" or "--file":
                    var path = reader.ValueOf(arg);
                    if (path.Length == 0) throw UsageException.Invalid(arg.Name, path, "expected a certificate file or directory");
                    files.Add(path);
                    break;
                case "--ntp":
                    var ntp = reader.ValueOf(arg);
                    if (!ConnDiag.Clock.ClockSource.TryParseNtpServer(ntp, out clockCheck, out var ntpError))
                    {
                        throw UsageException.Invalid(arg.Name, ntp, ntpError!);
                    }
                    break;
                case "--server-name" or "--sni":
                    var name = reader.ValueOf(arg);
                    if (!Target.TryCreate(name, TlsProbeOptions.DefaultPort, out var checkedName, out var error))
                    {
                        throw UsageException.Invalid(arg.Name, name, error!);
                    }
                    serverName = checkedName!.Host;
                    break;
                case "--ca-bundle" or "--cacert":
                    caBundle = reader.ValueOf(arg);
                    if (caBundle.Length == 0) throw UsageException.Invalid(arg.Name, caBundle, "expected a PEM file of CA certificates");
                    break;
                case "--ca-bundle-only":
                    ArgReader.NoValue(arg);
                    caOnly = true;
                    break;
                case "--check-revocation":
                    ArgReader.NoValue(arg);
                    revocation = true;
                    break;
                case "--min-days":
                    minDays = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 0, MaxMinimumDays);
                    break;
                case "-k" or "--skip-cert-check" or "--insecure":
                    ArgReader.NoValue(arg);
                    skip = true;
                    break;
                case "--timeout":
                    timeout = ValueParsers.Seconds(arg.Name, reader.ValueOf(arg));
                    break;
                case "--throttle":
                    throttle = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 1, TlsSweep.MaxThrottleLimit);
                    break;
                case "-4" or "--ipv4":
                    ArgReader.NoValue(arg);
                    ipv4 = true;
                    break;
                case "-6" or "--ipv6":
                    ArgReader.NoValue(arg);
                    ipv6 = true;
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (ipv4 && ipv6) throw new UsageException("-4/--ipv4 and -6/--ipv6 exclude each other: give one, or neither to try every address");
        if (caOnly && caBundle is null) throw new UsageException("--ca-bundle-only needs --ca-bundle FILE");
        if (files.Count > 0 && sources.Count > 0)
        {
            throw new UsageException("tls: give targets to connect to, or --file chain files to read, not both");
        }
        if (files.Count > 0 && revocation)
        {
            throw new UsageException("--check-revocation needs the network; chain files (--file) are analysed offline");
        }
        var family = ipv4 ? AddressFamilyFilter.IPv4 : ipv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any;
        if (files.Count > 0 && clockCheck is not null)
        {
            throw new UsageException("--ntp measures the clock for a handshake; chain files (--file) are analysed at this machine's time");
        }
        return new Arguments(sources, ports, files, serverName, caBundle, caOnly, revocation, minDays, skip, timeout, throttle, family, json, help, clockCheck);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Tls);
            return ExitCodes.Ok;
        }

        var chain = new TlsChainOptions
        {
            Trust = LoadTrust(a),
            CheckRevocation = a.CheckRevocation,
            MinimumDaysValid = a.MinimumDays,
            SkipCertificateCheck = a.SkipCertificateCheck,
        };
        return a.Files.Count > 0
            ? RunOffline(a, chain, console)
            : await RunOnlineAsync(a, chain, console, cancellationToken).ConfigureAwait(false);
    }

    private static TlsTrust LoadTrust(Arguments a)
    {
        if (a.CaBundle is null) return TlsTrust.System;
        try
        {
            return TlsTrust.FromBundle(a.CaBundle, a.CaBundleOnly ? CaBundleMode.Replace : CaBundleMode.Add);
        }
        catch (CertificateFileException ex)
        {
            throw new UsageException("--ca-bundle " + ex.Message);
        }
    }

    /// <summary>Every file is read and analysed before anything is printed, so a bad file is exit 2 with nothing half-done.</summary>
    private static int RunOffline(Arguments a, TlsChainOptions chain, CliConsole console)
    {
        var reports = new List<TlsChainReport>();
        try
        {
            foreach (var path in a.Files)
            {
                reports.AddRange(TlsChainFileCheck.AnalyzeAll(path, chain, a.ServerName));
            }
        }
        catch (CertificateFileException ex)
        {
            throw new UsageException("--file " + ex.Message);
        }
        IResultWriter<TlsChainReport> writer = a.Json
            ? new JsonArrayWriter<TlsChainReport>(console.Out)
            : new TlsReportTable(console.Out, reports.Select(r => r.TargetName).ToList(), offline: true);
        writer.Begin();
        foreach (var r in reports) writer.Write(r);
        writer.End();
        return reports.Any(r => OutcomeRules.HasError(r.Findings)) ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static async Task<int> RunOnlineAsync(Arguments a, TlsChainOptions chain, CliConsole console, CancellationToken cancellationToken)
    {
        var ports = a.Ports.Count > 0 ? a.Ports : [TlsProbeOptions.DefaultPort];
        var targets = TargetList.Build(a.Sources, ports, console.OpenStdin, cancellationToken: cancellationToken);
        if (targets.Count == 0)
        {
            throw new UsageException(a.Sources.Count == 0
                ? "tls: no targets: give HOST[:PORT], - to read stdin, or --file CHAIN.pem (see 'conndiag help tls')"
                : "tls: no targets: the input held only blank lines and comments");
        }

        var options = new TlsProbeOptions(a.Timeout, chain, a.ServerName, a.Family, ClockCheck: a.ClockCheck);
        IResultWriter<TlsChainReport> writer = a.Json
            ? new JsonArrayWriter<TlsChainReport>(console.Out)
            : new TlsReportTable(console.Out, targets.Select(t => t.ToString()).ToList(), offline: false);
        return await ResultStream.WriteAllAsync(TlsSweep.RunAsync(TlsProbe.CreateDefault(), targets, options, a.Throttle, cancellationToken),
            writer, r => r.Findings, console, targets.Count, "targets", cancellationToken).ConfigureAwait(false);
    }
}
