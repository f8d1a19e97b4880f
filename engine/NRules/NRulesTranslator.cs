using System.Linq.Expressions;
using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace EligibilityEngine.NRules;

/// <summary>
/// Translates a compiled version into NRules' canonical rule model and compiles it into a session factory. Rules are
/// data here: every rule is built with <see cref="RuleBuilder"/>, and every condition stays the project's compiled,
/// sandboxed condition code.
/// <list type="bullet">
/// <item>One NRules rule per YAML rule, named by its rule id. It matches the case and one fact per criterion, finding
/// or outcome its condition reads, so it cannot fire before they are concluded: Rete's joins do what the compiled
/// evaluator's strata do, whatever the agenda order. It fires once whether its condition is true, false or unknown.</item>
/// <item>A finding or outcome concluded by several rules is concluded when the last of them has fired (see
/// <see cref="NRulesActions.Fire"/>), and only then inserted for the rules that read it.</item>
/// <item>No salience, no <c>Not</c> patterns, no boolean-only conditions: each would change a decision (unknown is
/// never false; an outcome needs every producer's result, not a ranking).</item>
/// </list>
/// </summary>
internal static class NRulesTranslator
{
    public static NRulesTranslation Translate(CompiledRuleSet set, Func<bool?, byte> truth)
    {
        var slots = set.Rules.SelectMany(r => r.Reads).Distinct().Order().Select((c, slot) => (c, slot)).ToDictionary(x => x.c, x => x.slot);
        var definitions = set.Rules.Select((rule, i) => YamlRule(slots, new RuleStep
        {
            Set = set, Rule = i, ConclusionSlot = slots.TryGetValue((rule.Kind, rule.TargetIndex), out var slot) ? slot : null, Truth = truth,
        })).ToList();
        return new NRulesTranslation(set, new RuleCompiler().Compile(definitions), definitions);
    }

    private static IRuleDefinition YamlRule(Dictionary<(ConclusionKind, int), int> slots, RuleStep step)
    {
        var rule = step.Definition;
        var builder = new RuleBuilder();
        builder.Name(rule.Definition.Id);
        builder.Description(rule.ConditionText);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(CaseFact), "case");
        var @case = Expression.Parameter(typeof(CaseFact), "case");
        foreach (var (kind, index) in rule.Reads)
        {
            // An alpha condition on the conclusion's slot: the one criterion, finding or outcome the condition reads.
            var slot = slots[(kind, index)];
            var type = ConclusionFact.TypeOf(slot);
            var name = $"{kind.ToString().ToLowerInvariant()}{index}";
            var fact = Expression.Parameter(type, name);
            lhs.Pattern(type, name).Condition(
                Expression.Lambda(Expression.Equal(Expression.Property(fact, nameof(ConclusionFact.Slot)), Expression.Constant(slot)), fact));
        }

        var context = Expression.Parameter(typeof(IContext), "context");
        builder.RightHandSide().Action(Expression.Lambda(Expression.Call(FireMethod, context, Expression.Constant(step), @case), context, @case));
        return builder.Build();
    }

    private static readonly System.Reflection.MethodInfo FireMethod = typeof(NRulesActions).GetMethod(nameof(NRulesActions.Fire))!;
}
