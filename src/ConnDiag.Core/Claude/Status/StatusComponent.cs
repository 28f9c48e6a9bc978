namespace ConnDiag.Claude.Status;

/// <summary>One component of a status page that is not operational.</summary>
/// <param name="Name">The component's name as the page shows it (e.g. <c>Claude API (api.anthropic.com)</c>).</param>
/// <param name="Status">Its status.</param>
/// <param name="Group">The name of the group it is listed under, or null.</param>
public sealed record StatusComponent(string Name, ComponentStatus Status, string? Group)
{
    public override string ToString() => Group is null ? $"{Name}: {Status}" : $"{Group} / {Name}: {Status}";
}
