namespace ConnDiag.Dns.Configuration;

/// <summary>One service of the <c>hosts:</c> line of nsswitch.conf, in lookup order.</summary>
/// <param name="Service">The service name: <c>files</c> (the hosts file), <c>dns</c>, <c>resolve</c> (systemd-resolved), <c>mdns4_minimal</c>, <c>myhostname</c>, ...</param>
/// <param name="Actions">The <c>[STATUS=action]</c> items written after it (<c>NOTFOUND=return</c>, <c>!UNAVAIL=return</c>), in order.</param>
/// <param name="Source">The file (<c>/etc/nsswitch.conf</c>) or the built-in default that applies.</param>
/// <param name="Line">1-based line; null for a built-in order.</param>
public sealed record LookupSource(string Service, IReadOnlyList<string> Actions, string Source, int? Line)
{
    /// <summary>The hosts file.</summary>
    internal bool IsHostsFile => string.Equals(Service, "files", StringComparison.Ordinal);

    /// <summary>A service that asks DNS servers: glibc's <c>dns</c> or systemd-resolved's <c>resolve</c>.</summary>
    internal bool IsDns => Service is "dns" or "resolve";

    public override string ToString() => Actions.Count == 0 ? Service : $"{Service} [{string.Join(' ', Actions)}]";
}
