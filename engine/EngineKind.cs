using EligibilityEngine.Evaluation;
using EligibilityEngine.NRules;

namespace EligibilityEngine;

/// <summary>The engines a case can be judged by.</summary>
public enum EngineKind
{
    /// <summary>NRules' Rete engine, on the version translated into NRules' rule model. The default.</summary>
    NRules,

    /// <summary>The project's compiled forward-chaining evaluator: the reference NRules is proven equal to, and
    /// about fifteen to twenty-five times faster per case, for corpus-scale work.</summary>
    Compiled,
}

public static class DecisionEngines
{
    /// <summary>A new engine of the kind; an NRules engine keeps the session factories of the versions it judged.</summary>
    public static IDecisionEngine Create(EngineKind kind) => kind switch
    {
        EngineKind.NRules => new NRulesEngine(),
        EngineKind.Compiled => CompiledEngine.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown engine"),
    };

    /// <summary>Reads an engine name as users write it (<c>nrules</c>, <c>compiled</c>); null when it is neither.</summary>
    public static EngineKind? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "nrules" => EngineKind.NRules,
        "compiled" => EngineKind.Compiled,
        _ => null,
    };
}
