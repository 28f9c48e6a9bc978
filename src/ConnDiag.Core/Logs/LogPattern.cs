using System.Text.RegularExpressions;

namespace ConnDiag.Logs;

/// <summary>One row of the pattern table: a message shape, the finding it means, and whose message it is.</summary>
/// <param name="Rule">Stable row name, e.g. <c>node-econnrefused</c>; shown in results and used by the tests.</param>
/// <param name="Code">Finding code from the catalogue.</param>
/// <param name="Tool">Short label of the program(s) that print this message.</param>
/// <param name="Regex">Compiled, case-insensitive, with a match timeout.</param>
public sealed record LogPattern(string Rule, string Code, string Tool, Regex Regex);
