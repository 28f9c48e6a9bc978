using ConnDiag.Secrets;
using ConnDiag.Services.Exec;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services.Checks;

/// <summary>What every check reads: the merged unit, its environment, and the masker for anything printed.</summary>
internal sealed class UnitCheckContext
{
    public UnitCheckContext(SystemdUnit unit, UnitEnvironment environment, SystemdUnitOptions options)
    {
        Unit = unit;
        Environment = environment;
        Options = options;
        Masker = new SecretMasker(environment.SecretValues());
    }

    public SystemdUnit Unit { get; }
    public UnitEnvironment Environment { get; }
    public SystemdUnitOptions Options { get; }
    public SecretMasker Masker { get; }

    /// <summary>Text as it may be shown: secret environment values and token shapes masked.</summary>
    public string Mask(string text) => Masker.MaskText(text);

    /// <summary>[Service] Type=, simple by default.</summary>
    public string ServiceType => Unit.Last("Service", "Type")?.Value ?? "simple";
}
