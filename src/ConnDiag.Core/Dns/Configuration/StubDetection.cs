namespace ConnDiag.Dns.Configuration;

/// <summary>What <see cref="StubDetector"/> recognised in a resolv.conf.</summary>
/// <param name="Generator">Who wrote the file.</param>
/// <param name="StubKind">The local forwarder the first server is, if any.</param>
/// <param name="UpstreamServers">Servers behind the stub that the file itself names (Docker's ExtServers comment).</param>
/// <param name="Notes">What was recognised and what it means.</param>
public sealed record StubDetection(ResolvConfGenerator Generator, StubResolverKind StubKind, IReadOnlyList<NameServerEntry> UpstreamServers, IReadOnlyList<ConfigurationNote> Notes);
