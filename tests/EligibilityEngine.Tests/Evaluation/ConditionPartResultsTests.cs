using EligibilityEngine.Cases;
using EligibilityEngine.Decisions;
using EligibilityEngine.Tests.Samples;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Text;

namespace EligibilityEngine.Tests.Evaluation;

/// <summary>
/// Which part of a rule's condition held for a case (issue #24 point 6): each part judged by the rules' own compiler and
/// evaluator, so the parts combine, in three-valued logic, to exactly the rule's result in the decision's trace, and
/// name the same parts as the Dutch sentences the page lists.
/// </summary>
public sealed class ConditionPartResultsTests
{
    [Theory]
    [MemberData(nameof(SampleTests.Samples), MemberType = typeof(SampleTests))]
    public void The_parts_of_every_rule_combine_to_the_rules_result_in_the_trace(string name)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
        var library = RealRules.Library;
        var decision = library.Evaluate(file.Case, file.AsOf!.Value, EvaluationOptions.WithTrace, file.Version);
        var parts = library.ConditionParts(decision, file.Case);
        var words = new ConditionDutch(library.Select(decision.AsOf, decision.RuleSet.Version).Version);

        decision.Trace.ShouldNotBeNull().Count.ShouldBe(parts.Count);
        foreach (var rule in decision.Trace)
        {
            var held = parts[rule.RuleId];
            Combine(held).ShouldBe(rule.Result, $"{name}: {rule.RuleId}");
            var sentences = words.OfRule(rule.RuleId).ShouldNotBeNull();
            (held.All, held.Parts.Count).ShouldBe((sentences.All, sentences.Parts.Count), rule.RuleId);
        }
    }

    [Fact]
    public void A_failed_rule_names_the_part_that_failed_and_an_unknown_one_the_part_that_is_unknown()
    {
        // ADV-POSITIEF: criterion arbeidsvermogen and (criterion begeleiding or criterion aanpassingen).
        Parts("negatief-regulier-werk.yaml", "ADV-POSITIEF").ShouldBe([Truth.True, Truth.False], "work capacity, but help a regular employer can give");
        Parts("negatief-geen-arbeidsvermogen.yaml", "ADV-POSITIEF")[0].ShouldBe(Truth.False);
        Parts("onvoldoende-gegevens.yaml", "ADV-POSITIEF").ShouldBe([Truth.True, Truth.Unknown], "the need for help is not known");
        Parts("positief-advies.yaml", "ADV-POSITIEF").ShouldBe([Truth.True, Truth.True]);
    }

    private static IReadOnlyList<Truth> Parts(string sample, string ruleId)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, sample));
        var decision = RealRules.Library.Evaluate(file.Case, file.AsOf!.Value, EvaluationOptions.WithTrace, file.Version);
        return RealRules.Library.ConditionParts(decision, file.Case)[ruleId].Parts;
    }

    /// <summary>Kleene's and / or over the parts: false (and) or true (or) wins, else unknown wins.</summary>
    private static Truth Combine(EligibilityEngine.Evaluation.PartResults held)
    {
        var decisive = held.All ? Truth.False : Truth.True;
        return held.Parts.Contains(decisive) ? decisive : held.Parts.Contains(Truth.Unknown) ? Truth.Unknown : held.All ? Truth.True : Truth.False;
    }
}
