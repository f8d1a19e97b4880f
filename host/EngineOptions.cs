
namespace EligibilityEngine.Host;

/// <summary>Configuration section "Engine": what judges the cases.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary><c>nrules</c> (NRules' Rete engine, the default) or <c>compiled</c> (the project's compiled evaluator,
    /// proven to give the same decisions, about fifteen to twenty-five times faster per case).</summary>
    public string Kind { get; set; } = "nrules";

    public EngineKind Parse() =>
        DecisionEngines.Parse(Kind) ?? throw new InvalidOperationException($"{Section}:Kind must be nrules or compiled, not '{Kind}'");
}
