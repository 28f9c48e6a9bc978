namespace ConnDiag.Dns.Configuration;

/// <summary>The <c>hosts:</c> lookup order from nsswitch.conf, or glibc's default when the file has none.</summary>
/// <param name="Order">The services in order.</param>
/// <param name="Notes">What the order means for lookups (hosts file first, mdns4_minimal ending .local lookups, ...).</param>
/// <param name="Warnings">Duplicate or malformed hosts lines.</param>
public sealed record NsswitchHosts(IReadOnlyList<LookupSource> Order, IReadOnlyList<ConfigurationNote> Notes, IReadOnlyList<ConfigurationNote> Warnings);
