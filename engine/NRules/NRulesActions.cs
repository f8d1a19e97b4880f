using EligibilityEngine.Evaluation;
using NRules.RuleModel;

namespace EligibilityEngine.NRules;

/// <summary>
/// The right-hand sides of the translated rules. They run when NRules fires a rule, with the facts its left-hand side
/// matched; what a condition reads of other rules' conclusions comes from those facts.
/// </summary>
internal static class NRulesActions
{
    /// <summary>A YAML rule: its condition, three-valued, and its conclusion inserted for the rules that read it.</summary>
    public static void Fire(IContext context, RuleStep step, CaseFact @case, ConclusionFact[] read)
    {
        var state = @case.State;
        foreach (var fact in read) fact.WriteTo(state);
        var rule = step.Set.Rules[step.Rule];
        state.MissingCount = 0;
        var truth = step.Truth(rule.Condition(state));
        state.RuleResults[step.Rule] = truth;
        @case.RulesFired++;
        if (truth == EvaluationState.Unknown) @case.CaptureMissing(step.Rule);

        switch (step.Conclusion)
        {
            case StepConclusion.Criterion:
                Insert(context, state, new CriterionFact(rule.TargetIndex, truth));
                break;
            case StepConclusion.OnlyFindingRule:
                Insert(context, state, new FindingFact(rule.TargetIndex, Conclusions.CombineFinding(EvaluationState.False, truth)));
                break;
            case StepConclusion.OnlyOutcomeRule:
                Insert(context, state, new OutcomeFact(rule.TargetIndex, Conclusions.ResolveOutcome(step.Set, state.RuleResults, rule.TargetIndex)));
                break;
            default:
                context.Insert(new RuleResultFact(step.Rule, truth));
                break;
        }
    }

    /// <summary>A finding concluded by several rules, once all of them have a result.</summary>
    public static void ResolveFinding(IContext context, int finding, CaseFact @case, RuleResultFact[] results)
    {
        var truth = EvaluationState.False;
        foreach (var r in results) truth = Conclusions.CombineFinding(truth, r.Truth);
        Insert(context, @case.State, new FindingFact(finding, truth));
    }

    /// <summary>An outcome concluded by several rules, once all of them have a result.</summary>
    public static void ResolveOutcome(IContext context, CompiledRuleSet set, int outcome, CaseFact @case, RuleResultFact[] results)
    {
        var state = @case.State;
        foreach (var r in results) state.RuleResults[r.Rule] = r.Truth;
        Insert(context, state, new OutcomeFact(outcome, Conclusions.ResolveOutcome(set, state.RuleResults, outcome)));
    }

    // The working memory mirrors every conclusion, so the decision is built from what NRules concluded.
    private static void Insert(IContext context, EvaluationState state, ConclusionFact fact)
    {
        fact.WriteTo(state);
        context.Insert(fact);
    }
}
