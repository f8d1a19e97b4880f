using EligibilityEngine.Conditions;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Compilation;

/// <summary>
/// The top-level parts of a rule's condition (<see cref="ConditionParts"/>), each compiled on its own by the compiler
/// that compiled the rule, against the same version: so a part's truth for a case has the engine's semantics (Kleene
/// logic, unknown facts) and no second implementation of them. For explaining a decision part by part, on request: the
/// parts are compiled on first use per version and rule, interpreted, and never run on the evaluation path.
/// </summary>
public static class ConditionPartCompiler
{
    /// <summary>The parts of rule <paramref name="ruleId"/> of <paramref name="set"/>, compiled; null when it has no such rule.</summary>
    public static CompiledParts? Of(CompiledRuleSet set, string ruleId)
    {
        var rule = set.Version.Rules.FirstOrDefault(r => r.Id == ruleId);
        return rule is null ? null : set.PartsByRule.GetOrAdd(ruleId, _ => Compile(set, rule));
    }

    private static CompiledParts Compile(CompiledRuleSet set, RuleDefinition rule)
    {
        var parts = ConditionParts.Of(Parser.Parse(rule.When.Text));
        var scope = ScopeOf(set);
        var diagnostics = new DiagnosticBag();
        var code = parts.Parts.Select(part => new ConditionCompiler(scope, rule.When, rule.Id, diagnostics).CompileCondition(part) is { } tree
            ? scope.Tiered(tree)
            // A part of a condition that compiled as a whole compiles too; anything else is a bug here, not in the rules.
            : throw new InvalidOperationException($"a part of rule {rule.Id}'s condition does not compile: {string.Join("; ", diagnostics.Items)}")).ToList();
        return new CompiledParts(parts.All, code);
    }

    /// <summary>A condition that is not one of the version's rules (a legal property's <c>holds</c>), compiled against
    /// the version to judge it on the working memory after every rule ran (<see cref="Evaluation.CompiledEngine"/>), with
    /// the engine's semantics; interpreted. Throws with the compiler's messages when it does not compile there.</summary>
    public static Func<EvaluationState, bool?> Condition(CompiledRuleSet set, LocatedText text, Node condition, string id)
    {
        var diagnostics = new DiagnosticBag();
        return new ConditionCompiler(ScopeOf(set), text, id, diagnostics).CompileCondition(condition) is { } tree
            ? tree.Compile(preferInterpretation: true)
            : throw new InvalidOperationException($"{id} does not compile against version {set.Version.Version}: {string.Join("; ", diagnostics.Items)}");
    }

    // A scope of its own: the version's scope collected its leaves and delegates when it was compiled.
    private static CompileScope ScopeOf(CompiledRuleSet set) => new()
    {
        Parameters = set.Version.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First()),
        Criteria = set.Criteria.Select((c, i) => (c.Id, i)).ToDictionary(c => c.Id, c => c.i),
        Findings = set.Findings.Select((f, i) => (f.Id, i)).ToDictionary(f => f.Id, f => f.i),
        Outcomes = set.Outcomes.Select((o, i) => (o.Definition, i))
            .ToDictionary(o => o.Definition.Id, o => (o.i, new CodeDomain(o.Definition.Id, o.Definition.Values))),
        InterpretFirst = true,
    };
}

/// <summary>A rule's condition as its compiled top-level parts: all must hold (<paramref name="All"/>), or one.</summary>
public sealed record CompiledParts(bool All, IReadOnlyList<Tiered<Func<EvaluationState, bool?>>> Parts);
