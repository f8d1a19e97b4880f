using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using NRules.RuleModel;

namespace EligibilityEngine.NRules;

/// <summary>
/// The right-hand side of every translated rule. It runs when NRules fires the rule, which its left-hand side allows
/// only once every criterion, finding and outcome the condition reads is concluded (their values are in the working
/// memory by then).
/// </summary>
internal static class NRulesActions
{
    /// <summary>
    /// A YAML rule fires: its condition, three-valued, then its conclusion. A criterion is concluded at once. A finding
    /// or outcome is concluded by the firing that completes its rules (the last of them to fire, whichever NRules fires
    /// last): a finding needs every producer's result (any true → true, else any unknown → unknown), an outcome needs
    /// every producer's result for its priority (an earlier unknown rule of another value makes it undetermined). A
    /// conclusion another rule reads is then inserted, for the rules that join on it.
    /// </summary>
    public static void Fire(IContext context, RuleStep step, CaseFact @case)
    {
        var state = @case.State;
        var rule = step.Definition;
        state.MissingCount = 0;
        var truth = step.Truth(rule.Condition(state));
        state.RuleResults[step.Rule] = truth;
        @case.RulesFired++;
        if (truth == EvaluationState.Unknown) @case.CaptureMissing(step.Rule);

        var target = rule.TargetIndex;
        switch (rule.Kind)
        {
            case ConclusionKind.Criterion:
                state.Criteria[target] = truth;
                break;
            case ConclusionKind.Finding:
                state.Findings[target] = Conclusions.CombineFinding(state.Findings[target], truth);
                if (--@case.FindingRulesToFire[target] > 0) return;
                break;
            default:
                if (--@case.OutcomeRulesToFire[target] > 0) return;
                state.Outcomes[target] = Conclusions.ResolveOutcome(step.Set, state.RuleResults, target);
                break;
        }

        if (step.ConclusionSlot is { } slot) context.Insert(ConclusionFact.Of(slot));
    }
}
