using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Evaluation;

/// <summary>
/// The project's compiled forward-chaining evaluator: every rule once (refraction), in the precomputed strata order,
/// reading and writing the working memory. The reference the NRules engine is proven equal to, and the fast path.
/// </summary>
public sealed class CompiledEngine : IDecisionEngine
{
    public static CompiledEngine Instance { get; } = new();

    private CompiledEngine()
    {
    }

    /// <summary>The working memory after every rule ran on the case: what the parts of a condition are judged against
    /// when a decision is explained part by part (<see cref="ConditionPartResults"/>), not the evaluation path.</summary>
    internal static EvaluationState Finished(CompiledRuleSet set, Case @case, DateOnly asOf)
    {
        var (state, _) = Evaluator.Prepare(set, @case, asOf, missingFacts: false);
        Run(set, state, captureMissing: false);
        return state;
    }

    public EngineReference Reference { get; } = new("compiled", "EligibilityEngine compiled evaluator", EngineReference.VersionOf(typeof(CompiledEngine)));

    public Task PrepareAsync(CompiledRuleSet set) => Task.CompletedTask;

    public Decision Evaluate(CompiledRuleSet set, Case @case, DateOnly asOf, EvaluationOptions options)
    {
        var (state, notices) = Evaluator.Prepare(set, @case, asOf, options.MissingFacts);
        var missing = Run(set, state, options.MissingFacts);
        return Evaluator.Build(set, state, asOf, options, missing, notices, Reference, options.Trace ? set.EvaluationOrder : null);
    }

    /// <summary>The core loop; returns per-rule missing facts when asked for, allocated only when something was unknown.</summary>
    private static MissingRecorder? Run(CompiledRuleSet set, EvaluationState state, bool captureMissing)
    {
        MissingRecorder? missing = null;
        var conditions = set.Conditions();
        var steps = set.Steps;
        var results = state.RuleResults;
        for (var i = 0; i < conditions.Length; i++)
        {
            state.MissingCount = 0;
            var truth = Conclusions.Truth(conditions[i](state));
            results[i] = truth;
            if (truth == EvaluationState.Unknown && captureMissing)
            {
                missing ??= new MissingRecorder(set);
                missing.CaptureRule(i, state);
            }

            var (kind, target, resolves) = steps[i];
            switch (kind)
            {
                case ConclusionKind.Criterion:
                    state.Criteria[target] = truth;
                    break;
                case ConclusionKind.Finding:
                    state.Findings[target] = Conclusions.CombineFinding(state.Findings[target], truth);
                    break;
            }

            foreach (var outcome in resolves) state.Outcomes[outcome] = Conclusions.ResolveOutcome(set, results, outcome);
        }

        return missing;
    }
}
