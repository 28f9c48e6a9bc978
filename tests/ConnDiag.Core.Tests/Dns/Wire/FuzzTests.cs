
namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>
/// 200,000 random and mutated messages from a fixed seed: the reader either decodes a message or throws
/// DnsFormatException, never anything else and never hangs. A failure prints the message in hex so it can
/// become a hostile-packet test.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20260101;
    private const int Messages = 200_000;

    [Fact(Timeout = 300_000)]
    public async Task Only_DnsFormatException_escapes_the_reader()
    {
        var result = await Task.Run(() => FuzzCorpus.Run(Seed, Messages));

        Assert.True(result.Unexpected is null, result.Unexpected);
        Assert.Equal(Messages, result.Parsed + result.Rejected);
        // The corpus must exercise both paths, or the run proves little.
        Assert.True(result.Parsed > Messages / 50, $"only {result.Parsed} of {Messages} messages parsed");
        Assert.True(result.Rejected > Messages / 2, $"only {result.Rejected} of {Messages} messages were rejected");
    }
}
