using EligibilityEngine.Decisions;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.RuleSets;

/// <summary>The content hash ignores layout and key order and changes with any change of meaning.</summary>
public sealed class ContentHashTests : IDisposable
{
    private readonly TempRuleSet _rules = new();

    public void Dispose() => _rules.Dispose();

    private const string Original = """
        rule_set: test
        version: 2015-01-01
        status: in_force
        effective_from: 2015-01-01
        title: Test
        summary: Een versie om te hashen
        sources:
          - id: src
            citation: Testwet art. 1
        rules:
          - id: R1
            source: src
            title: Arbeidsvermogen
            when: person.has_work_capacity and (person.wage_value_percent > 10 or person.supervision_need = 'intensive')
            then: { criterion: c }
            explain:
              met: Betrokkene heeft arbeidsvermogen.
              not_met: Geen arbeidsvermogen.
              undetermined: Onbekend.
        """;

    // Same meaning: keys reordered, block style instead of flow, folded and quoted scalars, extra parentheses and spaces.
    private const string Reformatted = """
        title: "Test"
        rule_set: test
        effective_from: 2015-01-01
        status: in_force
        version: 2015-01-01
        summary: >-
          Een versie
          om te hashen
        rules:
          - then:
              criterion: c
            explain:
              undetermined: 'Onbekend.'
              not_met: Geen arbeidsvermogen.
              met: >
                Betrokkene heeft
                arbeidsvermogen.
            when: >-
              (person.has_work_capacity)
              and ((person.wage_value_percent  >  10) or person.supervision_need = 'intensive')
            title: Arbeidsvermogen
            source: src
            id: R1
        sources:
          - citation: Testwet art. 1
            id: src
        """;

    private string HashOf(string yaml)
    {
        _rules.With("2015-01-01.yaml", yaml);
        return _rules.Load().Versions.Single().Reference.ContentHash;
    }

    [Fact]
    public void Formatting_only_edits_do_not_change_the_hash() => HashOf(Reformatted).ShouldBe(HashOf(Original));

    [Fact]
    public void A_changed_condition_changes_the_hash() =>
        HashOf(Original.Replace("> 10", "> 11")).ShouldNotBe(HashOf(Original));

    [Fact]
    public void A_changed_explanation_changes_the_hash() =>
        HashOf(Original.Replace("Onbekend.", "Niet bekend.")).ShouldNotBe(HashOf(Original));

    [Fact]
    public void A_changed_label_of_an_outcome_value_changes_the_hash()
    {
        const string outcome = """

            outcomes:
              - id: o
                title: Uitkomst
                values: [ja]
                labels: { ja: ja, onbekend: onbekend }
                undetermined: { value: onbekend, explain: Onbekend. }
            """;
        var withRule = Original + """

              - id: R2
                source: src
                when: criterion.c
                then: { outcome: o, value: ja }
                explain: Ja.
            """;
        var original = withRule + outcome;

        HashOf(original.Replace("{ ja: ja,", "{ ja: 'ja, zeker',")).ShouldNotBe(HashOf(original));
    }

    [Fact]
    public void The_same_case_date_and_hash_give_the_same_decision_byte_for_byte()
    {
        var library = RealRules.Library;
        var @case = EligibilityEngine.Cases.CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml")).Case;
        var first = EligibilityEngine.Cli.Rendering.Json.Serialize(library.Evaluate(@case, new DateOnly(2017, 6, 1), EvaluationOptions.WithTrace));
        var second = EligibilityEngine.Cli.Rendering.Json.Serialize(library.Evaluate(@case, new DateOnly(2017, 6, 1), EvaluationOptions.WithTrace));
        second.ShouldBe(first);
    }
}
