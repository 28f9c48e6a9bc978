using ConnDiag.Model;

namespace ConnDiag.Findings;

/// <summary>The fixed part of a finding: code, layer, severity, title and the standard remedy.</summary>
public sealed record FindingDefinition(string Code, Layer Layer, Severity Severity, string Title, string Remedy);
