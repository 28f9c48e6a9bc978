using System.Net;
using System.Text.Json.Serialization;

namespace ConnDiag.Http.Proxy;

/// <summary>How one NO_PROXY entry is read.</summary>
public enum NoProxyEntryKind
{
    /// <summary>The whole list is <c>*</c>: no host uses the proxy.</summary>
    Everything,

    /// <summary>A host name: matches that name and every name under it (<c>example.com</c>, <c>.example.com</c>).</summary>
    Domain,

    /// <summary>One IPv4 or IPv6 address.</summary>
    Address,

    /// <summary>A CIDR range (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).</summary>
    Network,

    /// <summary>An entry that can never match (see <see cref="NoProxyEntry.Note"/> for why).</summary>
    Ignored,
}

/// <summary>One entry of a NO_PROXY list, as written and as understood.</summary>
/// <param name="Text">The entry as written.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Value">The normalised name, address or range it matches (lower case, no leading or trailing dot).</param>
/// <param name="Port">The port it is limited to, when written as <c>host:port</c>.</param>
/// <param name="Note">Where clients disagree about this entry, or why it is ignored.</param>
public sealed record NoProxyEntry(string Text, NoProxyEntryKind Kind, string? Value, int? Port, string? Note)
{
    /// <summary>The parsed address of an Address or Network entry.</summary>
    [JsonIgnore]
    internal IPAddress? Address { get; init; }

    /// <summary>Prefix length of a Network entry (already adjusted for curl's reading of <c>/0</c>).</summary>
    [JsonIgnore]
    internal int PrefixLength { get; init; }

    /// <summary>The entry as written, quoted: <c>'.corp.example'</c>.</summary>
    public override string ToString() => $"'{Text}'";
}
