using EligibilityEngine.Decisions;
using EligibilityEngine.Compilation;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// What judges a case with a compiled version. The engines differ only in how rules are scheduled and conclusions
/// carried; the law (conditions, three-valued logic, combination of conclusions, texts, missing facts) is shared.
/// </summary>
public interface IDecisionEngine
{
    /// <summary>Which engine this is, named in every decision it makes.</summary>
    EngineReference Reference { get; }

    /// <summary>Completes when <paramref name="set"/> can be judged by this engine without further preparation.</summary>
    Task PrepareAsync(CompiledRuleSet set);

    Decision Evaluate(CompiledRuleSet set, Case @case, DateOnly asOf, EvaluationOptions options);
}
