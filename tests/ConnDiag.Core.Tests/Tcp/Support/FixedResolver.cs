using System.Net;
using ConnDiag.Dns;

namespace ConnDiag.Core.Tests.Tcp.Support;

/// <summary>
/// The resolve step only: one test name maps to a fixed address list (as a multi-homed DNS name would), so
/// the probe connects, for real, to several namespace addresses. Any other name fails like NXDOMAIN.
/// </summary>
internal sealed class FixedResolver(string name, params IPAddress[] addresses) : IAddressResolver
{
    public Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(host, name, StringComparison.OrdinalIgnoreCase)
            ? new AddressResolution(addresses, 0.1, null, "test table")
            : new AddressResolution([], 0.1, $"{host} is not in the test table", "test table"));
}
