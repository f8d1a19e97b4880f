using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using NRules.RuleModel;

namespace EligibilityEngine.NRules;

/// <summary>
/// The right-hand side of every translated rule. It runs when NRules fires the rule, with the facts its left-hand side
/// matched: what the condition reads of other rules' conclusions comes from those facts.
/// </summary>
internal static class NRulesActions
{
    /// <summary>
    /// A YAML rule fires: its condition, three-valued, then its conclusion. A criterion is concluded at once. A finding
    /// or outcome is concluded by the firing that completes its rules (the last of them to fire, whichever NRules fires
    /// last): a finding needs every producer's result (any true → true, else any unknown → unknown), an outcome needs
    /// every producer's result for its priority (an earlier unknown rule of another value makes it undetermined).
    /// </summary>
    public static void Fire(IContext context, RuleStep step, CaseFact @case, ConclusionFact[] read)
    {
        var state = @case.State;
        foreach (var fact in read) fact.WriteTo(state);
        var rule = step.Definition;
        state.MissingCount = 0;
        var truth = step.Truth(rule.Condition(state));
        state.RuleResults[step.Rule] = truth;
        @case.RulesFired++;
        if (truth == EvaluationState.Unknown) @case.CaptureMissing(step.Rule);

        var target = rule.TargetIndex;
        ConclusionFact? conclusion = null;
        switch (rule.Kind)
        {
            case ConclusionKind.Criterion:
                conclusion = new CriterionFact(target, truth);
                break;
            case ConclusionKind.Finding:
                state.Findings[target] = Conclusions.CombineFinding(state.Findings[target], truth);
                if (--@case.FindingRulesToFire[target] == 0) conclusion = new FindingFact(target, state.Findings[target]);
                break;
            default:
                if (--@case.OutcomeRulesToFire[target] == 0) conclusion = new OutcomeFact(target, Conclusions.ResolveOutcome(step.Set, state.RuleResults, target));
                break;
        }

        if (conclusion is null) return;
        conclusion.WriteTo(state);
        if (step.ConclusionIsRead) context.Insert(conclusion);
    }
}
