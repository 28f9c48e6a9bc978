namespace ConnDiag.Ports;

/// <summary>One platform's way of listing sockets and their owning processes.</summary>
public interface IPortOwnerSource
{
    /// <summary>Sockets matching the query, each with its owner or <see cref="PortOwner.OwnerVisible"/> false.</summary>
    Task<IReadOnlyList<PortOwner>> GetOwnersAsync(PortOwnerQuery query, CancellationToken cancellationToken);
}
