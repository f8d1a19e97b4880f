using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Evaluation;

/// <summary>Forward chaining over findings, strata, refraction, outcome priority and missing facts.</summary>
public sealed class EvaluatorTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2016, 1, 1);

    private readonly TempRuleSet _rules = new();

    public void Dispose() => _rules.Dispose();

    // Written in the "wrong" order on purpose: readers before producers. The evaluator must order them.
    private const string Chain = """
          - id: OUT-NEG
            source: src
            when: not finding.capable
            then: { outcome: verdict, value: nee }
            explain: nee
          - id: OUT-YES
            source: src
            when: finding.capable and criterion.young
            then: { outcome: verdict, value: ja, values: { route: werk } }
            explain: "ja, geboren {person.date_of_birth}"
          - id: F-CAPABLE
            source: src
            when: person.has_work_capacity and person.supervision_beyond_employer
            then: { finding: capable }
            explain: capable
          - id: C-YOUNG
            source: src
            title: Jong
            when: age(person.date_of_birth, case.as_of) < 30
            then: { criterion: young }
            explain:
              met: jong
              not_met: oud
              undetermined: leeftijd onbekend
        """;

    private Decision Evaluate(Person person, EvaluationOptions? options = null) =>
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(Chain, extra: TempRuleSet.VerdictOutcome)).Load()
            .Evaluate(Case.Empty with { Person = person }, AsOf, options ?? EvaluationOptions.WithTrace);

    [Fact]
    public void Producers_run_before_the_rules_that_read_their_findings_whatever_the_file_order()
    {
        var decision = Evaluate(new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: true, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true));

        decision.Outcome("verdict").Value.ShouldBe("ja");
        decision.Outcome("verdict").Values["route"].ShouldBe("werk");
        decision.Outcome("verdict").Explanation.ShouldBe("ja, geboren 1 januari 1995");
        var order = decision.Trace!.Select(r => r.RuleId).ToList();
        order.IndexOf("F-CAPABLE").ShouldBeLessThan(order.IndexOf("OUT-NEG"));
        order.IndexOf("C-YOUNG").ShouldBeLessThan(order.IndexOf("OUT-YES"));
        decision.Trace!.Single(r => r.RuleId == "OUT-YES").Stratum.ShouldBe(1);
    }

    [Fact]
    public void Each_rule_fires_at_most_once_and_the_order_is_deterministic()
    {
        var person = new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: true, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true);
        var first = Evaluate(person).Trace!.Select(r => r.RuleId).ToList();
        var second = Evaluate(person).Trace!.Select(r => r.RuleId).ToList();

        first.ShouldBe(["F-CAPABLE", "C-YOUNG", "OUT-NEG", "OUT-YES"]);
        second.ShouldBe(first);
    }

    [Fact]
    public void The_absence_of_a_finding_is_only_tested_after_all_its_producers_ran()
    {
        var decision = Evaluate(new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: false));

        decision.Outcome("verdict").Value.ShouldBe("nee");
        decision.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_fact_makes_the_outcome_undetermined_and_names_the_fact()
    {
        var decision = Evaluate(new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: null, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true));

        var verdict = decision.Outcome("verdict");
        verdict.Status.ShouldBe(OutcomeStatus.Undetermined);
        verdict.Value.ShouldBe("onbekend");
        verdict.Explanation.ShouldBe("niet te zeggen");
        verdict.MissingFacts.ShouldBe(["person.has_work_capacity"]);
        decision.MissingFacts.Single().Path.ShouldBe("person.has_work_capacity");
        decision.MissingFacts.Single().Label.ShouldBe("arbeidsvermogen");
        decision.MissingFacts.Single().Affects.Select(a => a.Code).ShouldBe(["uitkomst verdict"]);
        decision.MissingFacts.Single().AffectsAnOutcome.ShouldBeTrue();
    }

    [Fact]
    public void A_false_fact_decides_even_when_another_fact_is_unknown()
    {
        // not capable (false) decides "nee" whatever the unknown age says.
        var decision = Evaluate(new Person(DateOfBirth: null, HasWorkCapacity: false));

        decision.Outcome("verdict").Value.ShouldBe("nee");
        decision.Criterion("young").Status.ShouldBe(CriterionStatus.Undetermined);
        decision.Criterion("young").Explanation.ShouldBe("leeftijd onbekend");
        decision.Criterion("young").MissingFacts.ShouldBe(["person.date_of_birth"]);
        // Knowing the age would settle the criterion, but the outcome is decided without it.
        decision.MissingFacts.Single().Affects.Select(a => a.Code).ShouldBe(["criterium young"]);
        decision.MissingFacts.Single().AffectsAnOutcome.ShouldBeFalse();
    }

    [Fact]
    public void An_undetermined_criterion_passes_its_missing_facts_on_to_the_outcome()
    {
        var decision = Evaluate(new Person(DateOfBirth: null, HasWorkCapacity: true, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true));

        decision.Outcome("verdict").Status.ShouldBe(OutcomeStatus.Undetermined);
        decision.Outcome("verdict").MissingFacts.ShouldBe(["person.date_of_birth"]);
        decision.MissingFacts.Single().Affects.Select(a => a.Code).ShouldBe(["criterium young", "uitkomst verdict"]);
    }

    [Fact]
    public void The_trace_records_the_fact_values_each_rule_read()
    {
        var decision = Evaluate(new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: true, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true));

        var capable = decision.Trace!.Single(r => r.RuleId == "F-CAPABLE");
        capable.Result.ShouldBe(Truth.True);
        capable.Fired.ShouldBeTrue();
        capable.Reads.ShouldBe([new FactReading("person.has_work_capacity", "ja"), new FactReading("person.supervision_beyond_employer", "ja")]);
    }

    [Fact]
    public void Without_trace_the_decision_carries_no_trace_but_the_same_outcomes()
    {
        var person = new Person(new DateOnly(1995, 1, 1), HasWorkCapacity: true, SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true);
        var plain = Evaluate(person, EvaluationOptions.Default);

        plain.Trace.ShouldBeNull();
        plain.Outcome("verdict").Value.ShouldBe(Evaluate(person).Outcome("verdict").Value);
    }

    [Fact]
    public void An_earlier_unknown_rule_with_another_value_blocks_a_later_true_rule()
    {
        const string rules = """
              - id: FIRST
                source: src
                when: person.has_work_capacity
                then: { outcome: verdict, value: nee }
                explain: eerste
              - id: SECOND
                source: src
                when: "true"
                then: { outcome: verdict, value: ja }
                explain: tweede
              - id: THIRD
                source: src
                when: "true"
                then: { outcome: verdict, value: nee }
                explain: derde
            """;
        var library = _rules.With("2015-01-01.yaml", TempRuleSet.Version(rules, extra: TempRuleSet.VerdictOutcome)).Load();

        library.Evaluate(Case.Empty, AsOf).Outcome("verdict").Status.ShouldBe(OutcomeStatus.Undetermined);
        library.Evaluate(Case.Empty with { Person = new Person(HasWorkCapacity: false) }, AsOf).Outcome("verdict").Value.ShouldBe("ja");
        library.Evaluate(Case.Empty with { Person = new Person(HasWorkCapacity: true) }, AsOf).Outcome("verdict").Explanation.ShouldBe("eerste");
    }

    [Fact]
    public void An_earlier_unknown_rule_with_the_same_value_does_not_block()
    {
        const string rules = """
              - id: FIRST
                source: src
                when: person.has_work_capacity
                then: { outcome: verdict, value: ja }
                explain: eerste
              - id: SECOND
                source: src
                when: "true"
                then: { outcome: verdict, value: ja }
                explain: tweede
            """;
        var decision = _rules.With("2015-01-01.yaml", TempRuleSet.Version(rules, extra: TempRuleSet.VerdictOutcome)).Load().Evaluate(Case.Empty, AsOf);

        decision.Outcome("verdict").Value.ShouldBe("ja");
        decision.Outcome("verdict").RuleId.ShouldBe("SECOND");
    }
}
