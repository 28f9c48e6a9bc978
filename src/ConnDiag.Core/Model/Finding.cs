namespace ConnDiag.Model;

/// <summary>
/// One thing a probe established, named by a stable code from <see cref="Findings.FindingCatalog"/>.
/// </summary>
/// <param name="Code">Stable <c>LAYER.NAME</c> code, e.g. <c>TCP.REFUSED</c>.</param>
/// <param name="Layer">Layer the code belongs to.</param>
/// <param name="Severity">Severity from the catalogue.</param>
/// <param name="Summary">One specific sentence naming the address, port, name or file.</param>
/// <param name="Evidence">What was observed that proves it.</param>
/// <param name="Remedy">What to do next.</param>
public sealed record Finding(string Code, Layer Layer, Severity Severity, string Summary, string Evidence, string Remedy)
{
    public override string ToString() => $"{Code}: {Summary}";
}
