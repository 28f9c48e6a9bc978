using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace ConnDiag.Module.Tests.Support;

/// <summary>One [Parameter] attribute of a parameter: how it binds in one parameter set.</summary>
internal sealed record ParameterSetEntry(
    string SetName, int? Position, bool Mandatory, bool FromPipeline, bool FromPipelineByPropertyName, bool FromRemainingArguments);

/// <summary>A cmdlet parameter as the PowerShell binder will see it.</summary>
internal sealed record CmdletParameter(string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetEntry> Sets, PropertyInfo Property)
{
    public bool InAllSets => Sets.Any(s => s.SetName == CmdletMetadata.AllSets);

    public bool IsSwitch => Type == typeof(SwitchParameter);

    /// <summary>The entry that applies in <paramref name="set"/>, or null when the parameter is not in it.</summary>
    public ParameterSetEntry? In(string set) =>
        Sets.FirstOrDefault(s => s.SetName == set) ?? Sets.FirstOrDefault(s => s.SetName == CmdletMetadata.AllSets);

    /// <summary>Min and max of [ValidateRange], or null without one.</summary>
    public (object Min, object Max)? ValidateRange =>
        Property.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(ValidateRangeAttribute)) is { } a
            ? (a.ConstructorArguments[0].Value!, a.ConstructorArguments[1].Value!)
            : null;
}

/// <summary>One [OutputType] attribute: the types and the sets it is declared for (empty = every set).</summary>
internal sealed record OutputTypeEntry(IReadOnlyList<Type> Types, IReadOnlyList<string> SetNames);

/// <summary>
/// A cmdlet's metadata read from its custom-attribute *data*. PowerShellStandard's attribute classes are
/// stubs whose properties return null, so instantiating the attributes would tell us nothing; the
/// metadata in the assembly is exactly what the real PowerShell reads.
/// </summary>
internal sealed class CmdletMetadata
{
    public const string AllSets = "__AllParameterSets";

    private CmdletMetadata(Type type, string verb, string noun, string? defaultSet, IReadOnlyList<CmdletParameter> parameters, IReadOnlyList<OutputTypeEntry> outputTypes)
    {
        Type = type;
        Verb = verb;
        Noun = noun;
        DefaultSet = defaultSet;
        Parameters = parameters;
        OutputTypes = outputTypes;
    }

    public Type Type { get; }
    public string Verb { get; }
    public string Noun { get; }
    public string Name => $"{Verb}-{Noun}";
    public string? DefaultSet { get; }
    public IReadOnlyList<CmdletParameter> Parameters { get; }
    public IReadOnlyList<OutputTypeEntry> OutputTypes { get; }

    /// <summary>The parameter sets PowerShell will build: every named set plus the default one, else the single implicit set.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != AllSets);
            var sets = (DefaultSet is null ? named : named.Append(DefaultSet)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return sets.Count == 0 ? [AllSets] : sets;
        }
    }

    public IEnumerable<CmdletParameter> ParametersIn(string set) => Parameters.Where(p => p.In(set) is not null);

    public CmdletParameter Parameter(string name) =>
        Parameters.SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Name} has no parameter -{name}.");

    /// <summary>Types declared by [OutputType] for <paramref name="set"/>.</summary>
    public IReadOnlyList<Type> OutputTypesFor(string set) =>
        OutputTypes.Where(o => o.SetNames.Count == 0 || o.SetNames.Contains(set) || o.SetNames.Contains(AllSets)).SelectMany(o => o.Types).Distinct().ToList();

    /// <summary>The module assembly (ConnDiag.dll).</summary>
    public static Assembly ModuleAssembly => typeof(ConnDiag.Commands.TestTcpPortCommand).Assembly;

    /// <summary>The engine assembly (ConnDiag.Core.dll).</summary>
    public static Assembly EngineAssembly => typeof(ConnDiag.Model.Finding).Assembly;

    /// <summary>Every public, concrete Cmdlet type in the module assembly.</summary>
    public static IReadOnlyList<Type> CmdletTypes() =>
        ModuleAssembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(Cmdlet))).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<CmdletMetadata> All() => CmdletTypes().Select(Read).ToList();

    public static CmdletMetadata For(Type type) => Read(type);

    public static CmdletMetadata Named(string name) =>
        All().SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"No cmdlet {name} in {ModuleAssembly.GetName().Name}.");

    public static CmdletMetadata Read(Type type)
    {
        var cmdlet = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType == typeof(CmdletAttribute))
            ?? throw new Xunit.Sdk.XunitException($"{type.FullName} derives from Cmdlet but has no [Cmdlet] attribute.");
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var defaultSet = Named<string>(cmdlet, nameof(CmdletAttribute.DefaultParameterSetName));

        var outputs = type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(OutputTypeAttribute))
            .Select(a =>
            {
                var types = Items(a.ConstructorArguments[0]).Select(v => v as Type
                    ?? throw new Xunit.Sdk.XunitException($"{type.Name}: [OutputType] names '{v}' by string; use typeof() so the type is checked at compile time.")).ToList();
                var sets = a.NamedArguments.Where(n => n.MemberName == nameof(OutputTypeAttribute.ParameterSetName))
                    .SelectMany(n => Items(n.TypedValue)).Cast<string>().ToList();
                return new OutputTypeEntry(types, sets);
            })
            .ToList();

        var parameters = new List<CmdletParameter>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var data = property.GetCustomAttributesData();
            var sets = data.Where(a => a.AttributeType == typeof(ParameterAttribute)).Select(a => new ParameterSetEntry(
                Named<string>(a, nameof(ParameterAttribute.ParameterSetName)) ?? AllSets,
                Named<int?>(a, nameof(ParameterAttribute.Position)) is { } pos && pos != int.MinValue ? pos : null,
                Named<bool?>(a, nameof(ParameterAttribute.Mandatory)) ?? false,
                Named<bool?>(a, nameof(ParameterAttribute.ValueFromPipeline)) ?? false,
                Named<bool?>(a, nameof(ParameterAttribute.ValueFromPipelineByPropertyName)) ?? false,
                Named<bool?>(a, nameof(ParameterAttribute.ValueFromRemainingArguments)) ?? false)).ToList();
            if (sets.Count == 0) continue;
            var aliases = data.Where(a => a.AttributeType == typeof(AliasAttribute))
                .SelectMany(a => a.ConstructorArguments.SelectMany(Items)).Cast<string>().ToList();
            parameters.Add(new CmdletParameter(property.Name, property.PropertyType, aliases, sets, property));
        }
        return new CmdletMetadata(type, verb, noun, defaultSet, parameters, outputs);
    }

    /// <summary>The default value of each parameter, read from a fresh instance (nothing is invoked).</summary>
    public object? DefaultValueOf(CmdletParameter parameter)
    {
        var instance = Activator.CreateInstance(Type)!;
        try
        {
            return parameter.Property.GetValue(instance);
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static T? Named<T>(CustomAttributeData a, string name)
    {
        foreach (var arg in a.NamedArguments)
        {
            if (arg.MemberName == name) return (T?)arg.TypedValue.Value;
        }
        return default;
    }

    /// <summary>A params-array argument is a collection of typed arguments; a single value is itself.</summary>
    private static IEnumerable<object?> Items(CustomAttributeTypedArgument arg) =>
        arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [arg.Value];
}
