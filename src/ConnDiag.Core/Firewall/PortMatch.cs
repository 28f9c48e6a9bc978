using System.Globalization;

namespace ConnDiag.Firewall;

/// <summary>An inclusive port range (a single port has From == To).</summary>
public sealed record PortRange(int From, int To)
{
    public bool Contains(int port) => port >= From && port <= To;

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}

/// <summary>
/// One port condition of a rule: a port, a range, an anonymous set or a named set, possibly negated.
/// </summary>
/// <param name="Field">Destination or source port.</param>
/// <param name="Negated">The rule matches ports NOT in <paramref name="Ranges"/> (nft !=, iptables !).</param>
/// <param name="Ranges">The ports; empty when a named set's elements could not be read.</param>
/// <param name="SetName">The named nft set the ports come from (without '@'), when they do.</param>
public sealed record PortMatch(PortField Field, bool Negated, IReadOnlyList<PortRange> Ranges, string? SetName = null)
{
    /// <summary>Whether the condition can hold for <paramref name="port"/>; an unreadable set counts as "can".</summary>
    public bool CanMatch(int port) => Ranges.Count == 0 || Negated != Ranges.Any(r => r.Contains(port));

    public override string ToString()
    {
        var field = Field == PortField.Destination ? "dport" : "sport";
        var ports = string.Join(",", Ranges);
        var value = SetName is null ? ports : $"@{SetName}" + (Ranges.Count > 0 ? $" ({ports})" : "");
        return $"{field} {(Negated ? "!= " : "")}{value}";
    }
}
