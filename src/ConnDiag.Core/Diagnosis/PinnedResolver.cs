using System.Net;
using ConnDiag.Dns;

namespace ConnDiag.Diagnosis;

/// <summary>
/// A resolver that answers with addresses an earlier stage already established, so a later probe connects to
/// exactly those instead of asking again (and perhaps getting another answer).
/// </summary>
internal sealed class PinnedResolver(IReadOnlyList<IPAddress> addresses, string source) : IAddressResolver
{
    public Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(addresses.Count > 0
            ? new AddressResolution(addresses, 0, null, source)
            : new AddressResolution([], 0, $"the {source} found no addresses for {host}", source));
}
