using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>Turns a failed handshake into its finding, with the alert and what the protocol checks showed.</summary>
internal static class TlsHandshakeFindings
{
    public static Finding For(string label, HandshakeResult h, TlsFailure failure, IReadOnlyList<TlsProtocolCheck> checks, TlsProbeOptions options)
    {
        var endpoint = Model.Target.Format(h.Endpoint.Address.ToString(), h.Endpoint.Port);
        var at = label.StartsWith(endpoint, StringComparison.Ordinal) ? label : $"{endpoint} ({label})";
        var evidence = $"{endpoint}: TCP connected in {Ms(h.Tcp.ConnectMs)}; {failure.Detail}.";
        switch (failure.Code)
        {
            case FindingCodes.TlsNotTls:
                return FindingCatalog.Create(failure.Code, $"{at} does not speak TLS: it answered the ClientHello with \"{failure.PeerText}\".", evidence);
            case FindingCodes.TlsHandshakeTimeout:
                return FindingCatalog.Create(failure.Code,
                    $"{at} accepted the connection but did not complete the TLS handshake within {options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                    evidence);
            case FindingCodes.TlsProtocolMismatch:
                var accepted = checks.Where(c => c.Accepted).Select(c => TlsVersions.Name(c.Version)).ToList();
                var offered = options.ClientVersions is { Count: > 0 } v ? string.Join(" and ", v.Select(TlsVersions.Name)) : null;
                var server = checks.Count == 0 ? "" : accepted.Count == 0 ? " The server accepted neither TLS 1.2 nor TLS 1.3." : $" The server accepts {string.Join(" and ", accepted)}.";
                var client = offered is null ? "" : $" This client allowed only {offered}.";
                string? remedy = offered is not null && accepted.Count > 0
                    ? $"Allow {string.Join(" or ", accepted)} in the client, or enable {offered} on the server."
                    : null;
                return FindingCatalog.Create(failure.Code,
                    $"{at}: client and server have no TLS version in common{(failure.Alert is null ? "" : $" (alert {failure.Alert})")}.",
                    evidence + server + client, remedy);
            default:
                return FindingCatalog.Create(failure.Code,
                    $"{at}: the TLS handshake failed{(failure.Alert is null ? "" : $" with the alert {failure.Alert}")}.",
                    evidence);
        }
    }

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");
}
