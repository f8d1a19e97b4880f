using System.Linq.Expressions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace EligibilityEngine.NRules;

/// <summary>
/// Translates a compiled version into NRules' canonical rule model and compiles it into a session factory. Rules are
/// data here: every left-hand side is built with <see cref="RuleBuilder"/>, every condition stays the project's
/// compiled, sandboxed condition code.
/// <list type="bullet">
/// <item>One NRules rule per YAML rule, named by its rule id. It matches the case and one fact per criterion, finding
/// or outcome its condition reads, so it cannot fire before they are concluded: Rete's joins do what the compiled
/// evaluator's strata do, whatever the agenda order. It fires once whether its condition is true, false or unknown.</item>
/// <item>One resolver rule per finding or outcome that several rules conclude, joining all their results.</item>
/// <item>No salience, no <c>Not</c> patterns, no boolean-only conditions: each would change a decision (unknown is
/// never false; an outcome needs every producer's result, not a ranking).</item>
/// </list>
/// </summary>
internal static class NRulesTranslator
{
    public const string ResolverPrefix = "resolver ";

    public static ISessionFactory Compile(CompiledRuleSet set, Func<bool?, byte> truth)
    {
        var definitions = new List<IRuleDefinition>();
        var findingRules = set.Findings.Select(f => f.Rules.Length).ToArray();
        var outcomeRules = set.Outcomes.Select(o => o.Rules.Length).ToArray();
        for (var i = 0; i < set.Rules.Length; i++)
        {
            var rule = set.Rules[i];
            var conclusion = rule.Kind switch
            {
                ConclusionKind.Criterion => StepConclusion.Criterion,
                ConclusionKind.Finding when findingRules[rule.TargetIndex] == 1 => StepConclusion.OnlyFindingRule,
                ConclusionKind.Outcome when outcomeRules[rule.TargetIndex] == 1 => StepConclusion.OnlyOutcomeRule,
                _ => StepConclusion.SharedWithOthers,
            };
            definitions.Add(YamlRule(new RuleStep { Set = set, Rule = i, Conclusion = conclusion, Truth = truth }));
        }

        for (var f = 0; f < set.Findings.Length; f++)
            if (set.Findings[f].Rules.Length > 1)
                definitions.Add(Resolver($"finding {set.Findings[f].Id}", set.Findings[f].Rules,
                    (context, @case, results) => Expression.Call(ResolveFindingMethod, context, Expression.Constant(f), @case, results)));

        for (var o = 0; o < set.Outcomes.Length; o++)
            if (set.Outcomes[o].Rules.Length > 1)
                definitions.Add(Resolver($"outcome {set.Outcomes[o].Definition.Id}", set.Outcomes[o].Rules,
                    (context, @case, results) => Expression.Call(ResolveOutcomeMethod, context, Expression.Constant(set), Expression.Constant(o), @case, results)));

        return new RuleCompiler().Compile(definitions);
    }

    private static IRuleDefinition YamlRule(RuleStep step)
    {
        var rule = step.Set.Rules[step.Rule];
        var builder = new RuleBuilder();
        builder.Name(rule.Definition.Id);
        builder.Description(rule.ConditionText);
        var lhs = builder.LeftHandSide();
        var @case = CasePattern(lhs);
        var read = new List<ParameterExpression>();
        foreach (var (kind, index) in rule.Reads)
        {
            var type = kind switch
            {
                ConclusionKind.Criterion => typeof(CriterionFact),
                ConclusionKind.Finding => typeof(FindingFact),
                _ => typeof(OutcomeFact),
            };
            read.Add(IndexPattern(lhs, type, $"{kind.ToString().ToLowerInvariant()}{index}", nameof(ConclusionFact.Index), index));
        }

        var context = Expression.Parameter(typeof(IContext), "context");
        var body = Expression.Call(FireMethod, context, Expression.Constant(step), @case, Expression.NewArrayInit(typeof(ConclusionFact), read));
        builder.RightHandSide().Action(Expression.Lambda(body, [context, @case, .. read]));
        return builder.Build();
    }

    private static IRuleDefinition Resolver(string conclusion, int[] producers,
        Func<ParameterExpression, ParameterExpression, Expression, Expression> action)
    {
        var builder = new RuleBuilder();
        builder.Name(ResolverPrefix + conclusion);
        builder.Description($"combines the results of {producers.Length} rules into {conclusion}");
        var lhs = builder.LeftHandSide();
        var @case = CasePattern(lhs);
        var results = producers.Select(p => IndexPattern(lhs, typeof(RuleResultFact), $"rule{p}", nameof(RuleResultFact.Rule), p)).ToList();
        var context = Expression.Parameter(typeof(IContext), "context");
        var body = action(context, @case, Expression.NewArrayInit(typeof(RuleResultFact), results));
        builder.RightHandSide().Action(Expression.Lambda(body, [context, @case, .. results]));
        return builder.Build();
    }

    private static ParameterExpression CasePattern(GroupBuilder lhs)
    {
        lhs.Pattern(typeof(CaseFact), "case");
        return Expression.Parameter(typeof(CaseFact), "case");
    }

    /// <summary>A pattern matching the one fact of <paramref name="type"/> whose <paramref name="property"/> is
    /// <paramref name="index"/> (an alpha condition: no join beyond the case).</summary>
    private static ParameterExpression IndexPattern(GroupBuilder lhs, Type type, string name, string property, int index)
    {
        var fact = Expression.Parameter(type, name);
        lhs.Pattern(type, name).Condition(Expression.Lambda(Expression.Equal(Expression.Property(fact, property), Expression.Constant(index)), fact));
        return fact;
    }

    private static readonly System.Reflection.MethodInfo FireMethod = typeof(NRulesActions).GetMethod(nameof(NRulesActions.Fire))!;
    private static readonly System.Reflection.MethodInfo ResolveFindingMethod = typeof(NRulesActions).GetMethod(nameof(NRulesActions.ResolveFinding))!;
    private static readonly System.Reflection.MethodInfo ResolveOutcomeMethod = typeof(NRulesActions).GetMethod(nameof(NRulesActions.ResolveOutcome))!;
}
