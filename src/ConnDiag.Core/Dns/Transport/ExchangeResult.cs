namespace ConnDiag.Dns.Transport;

/// <summary>What one exchange over one transport produced; the client turns it into a <see cref="Client.DnsAttempt"/>.</summary>
internal sealed record ExchangeResult(
    DnsAttemptOutcome Outcome,
    string? Error,
    Wire.DnsMessage? Response,
    int? ResponseSizeBytes,
    IgnoredResponses Ignored,
    int? HttpStatus = null)
{
    public static ExchangeResult Failed(DnsAttemptOutcome outcome, string error, IgnoredResponses ignored, int? httpStatus = null) =>
        new(outcome, error, null, null, ignored, httpStatus);

    public static ExchangeResult Received(Wire.DnsMessage response, int size, IgnoredResponses ignored) =>
        new(response.Header.Truncated ? DnsAttemptOutcome.Truncated : DnsAttemptOutcome.Answered, null, response, size, ignored);
}
