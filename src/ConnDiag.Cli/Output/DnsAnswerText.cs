using System.Globalization;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag dns` as dig would print it: header line with status and id, flags and counts, the OPT
/// pseudo-section, the sections as zone-file lines, then what dig does not show: every attempt with its
/// transport, id, outcome and time, and the findings with their remedies.
/// </summary>
internal sealed class DnsAnswerText(TextWriter output) : IResultWriter<DnsAnswer>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private bool _first = true;

    public void Begin()
    {
    }

    public void Write(DnsAnswer a)
    {
        if (!_first) output.WriteLine();
        _first = false;
        output.WriteLine($"; conndiag dns {a.Name} {DnsNames.TypeText(a.Type)} @{a.Server}");
        if (a.Header is { } h)
        {
            output.WriteLine(string.Create(Inv, $";; ->>HEADER<<- opcode: {h.OpCode.ToString().ToUpperInvariant()}, status: {a.Status}, id: {h.Id}"));
            output.WriteLine(string.Create(Inv,
                $";; flags: {h.Flags}; QUERY: {h.QuestionCount}, ANSWER: {h.AnswerCount}, AUTHORITY: {h.AuthorityCount}, ADDITIONAL: {h.AdditionalCount}"));
            if (a.Edns is { } e)
            {
                output.WriteLine();
                output.WriteLine(";; OPT PSEUDOSECTION:");
                output.WriteLine(string.Create(Inv, $"; EDNS: version: {e.Version}, flags:{(e.DnssecOk ? " do" : "")}; udp: {e.UdpPayloadSize}"));
                foreach (var ede in e.ExtendedErrors) output.WriteLine("; " + FindingText.OneLine(ede.ToString()));
            }
            output.WriteLine();
            output.WriteLine(";; QUESTION SECTION:");
            output.WriteLine($";{a.Name}\t\tIN\t{DnsNames.TypeText(a.Type)}");
            Section("ANSWER", a.Answers);
            Section("AUTHORITY", a.Authorities);
            Section("ADDITIONAL", a.Additionals);
        }
        else
        {
            output.WriteLine($";; no answer accepted ({a.Status})");
        }

        output.WriteLine();
        output.WriteLine(";; ATTEMPTS:");
        foreach (var t in a.Attempts)
        {
            var result = t.ResponseCode is { } rc ? $" {DnsNames.ResponseCodeText(rc)}" : "";
            var size = t.ResponseSizeBytes is { } n ? string.Create(Inv, $", {n} bytes") : "";
            var ignored = t.IgnoredResponses > 0 ? string.Create(Inv, $", {t.IgnoredResponses} ignored") : "";
            var error = t.Error is null ? "" : ": " + FindingText.OneLine(t.Error);
            var transport = t.Transport.ToString().ToUpperInvariant() + (t.Method is null ? "" : " " + t.Method);
            output.WriteLine(string.Create(Inv,
                $";;   #{t.Number} {transport} {t.Server} id {t.QueryId}: {t.Outcome}{result}{size}{ignored}, {t.DurationMs:0.0} ms{error}"));
        }
        if (a.MessageSizeBytes is { } size2)
        {
            output.WriteLine(string.Create(Inv, $";; SERVER: {a.Server} ({a.Transport.ToString().ToUpperInvariant()})"));
            output.WriteLine(string.Create(Inv, $";; MSG SIZE  rcvd: {size2}"));
        }
        if (a.NegativeTtlSeconds is { } ttl) output.WriteLine(string.Create(Inv, $";; NEGATIVE TTL: {ttl} s"));
        output.WriteLine(string.Create(Inv, $";; TOTAL: {a.DurationMs:0.0} ms"));
        if (a.Findings.Count > 0)
        {
            output.WriteLine();
            FindingText.Write(output, a.Findings);
        }
        output.Flush();
    }

    public void End() => output.Flush();

    private void Section(string title, IReadOnlyList<DnsRecord> records)
    {
        if (records.Count == 0) return;
        output.WriteLine();
        output.WriteLine($";; {title} SECTION:");
        foreach (var r in records)
        {
            output.WriteLine(string.Create(Inv, $"{r.Name}\t{r.TtlSeconds}\t{DnsNames.ClassText(r.Class)}\t{DnsNames.TypeText(r.Type)}\t{FindingText.OneLine(r.Data)}"));
        }
    }
}
