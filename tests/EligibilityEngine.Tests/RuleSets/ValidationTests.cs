using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.RuleSets;

/// <summary>Every validation error is reported before anything runs, with file, line, column and rule id.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly TempRuleSet _rules = new();

    public void Dispose() => _rules.Dispose();

    private IReadOnlyList<Diagnostic> ErrorsFor(string rules, string extra = "") =>
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(rules, extra: extra)).Errors();

    private static Diagnostic Single(IReadOnlyList<Diagnostic> errors)
    {
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        return errors[0];
    }

    [Fact]
    public void Three_errors_in_one_file_are_all_reported_with_line_column_and_rule()
    {
        var rules = TempRuleSet.Criterion("person.has_work_capacity", id: "A")
            + TempRuleSet.Criterion("person.date_of_birth > 5", id: "B", criterion: "b")
            + TempRuleSet.Criterion("finding.nowhere", id: "C", criterion: "c2");
        var errors = ErrorsFor(rules.Replace("    source: src\n    title: Criterion c\n", "    sourse: src\n    title: Criterion c\n"));

        var all = string.Join("\n", errors);
        errors.Count.ShouldBe(4, all); // the misspelt key also leaves rule A without a source
        errors.ShouldContain(e => e.RuleId == "A" && e.Message == "unknown key 'sourse'; did you mean 'source'?" && e.Position.Line == 14 && e.Position.Column == 5);
        errors.ShouldContain(e => e.RuleId == "A" && e.Message.StartsWith("the rule has no 'source'"));
        errors.ShouldContain(e => e.RuleId == "B" && e.Message == "cannot order a date against a number; before/after works on two dates, less/more on two numbers or two amounts" && e.Position.Line == 25 && e.Position.Column == 33, all);
        errors.ShouldContain(e => e.RuleId == "C" && e.Message.StartsWith("no rule concludes finding 'nowhere'") && e.Position.Line == 34 && e.Position.Column == 12);
        errors.ShouldAllBe(e => e.Position.File.EndsWith("2015-01-01.yaml"));
    }

    [Theory]
    [InlineData("person.wage_value_percent in [-1, 40]")]
    [InlineData("person.wage_value_percent in [40, person.wage_value_percent]")]
    public void A_list_item_that_is_not_written_out_or_from_a_list_parameter_is_refused(string when) =>
        Single(ErrorsFor(TempRuleSet.Criterion(when))).Message.ShouldBe("list items must be written-out values or come from a list parameter");

    [Fact]
    public void Duplicate_rule_ids_are_rejected()
    {
        var error = Single(ErrorsFor(TempRuleSet.Criterion("true", id: "X") + TempRuleSet.Criterion("true", id: "X", criterion: "d")));
        error.Message.ShouldBe("duplicate rule id 'X' (first defined at line 13)");
        error.RuleId.ShouldBe("X");
    }

    [Fact]
    public void An_unknown_fact_is_rejected_with_a_suggestion()
    {
        var error = Single(ErrorsFor(TempRuleSet.Criterion("person.has_work_capacty")));
        error.Message.ShouldStartWith("unknown name 'person.has_work_capacty'");
        error.Message.ShouldEndWith("did you mean 'person.has_work_capacity'?");
        (error.Position.Line, error.Position.Column).ShouldBe((16, 12));
    }

    [Fact]
    public void An_unknown_parameter_is_rejected() =>
        Single(ErrorsFor(TempRuleSet.Criterion("param.nothing = 1"))).Message.ShouldBe("unknown parameter 'param.nothing'");

    [Fact]
    public void An_unknown_source_is_rejected() =>
        Single(ErrorsFor(TempRuleSet.Criterion("true").Replace("source: src", "source: elsewhere"))).Message.ShouldBe("unknown source 'elsewhere'");

    [Fact]
    public void A_code_value_outside_its_domain_is_rejected()
    {
        var error = Single(ErrorsFor(TempRuleSet.Criterion("person.supervision_need = 'intense'")));
        error.Message.ShouldBe("'intense' is not one of (none, light, regular, intensive, permanent); did you mean 'intensive'?");
        (error.Position.Line, error.Position.Column).ShouldBe((16, 38));
    }

    [Fact]
    public void Values_of_different_types_cannot_be_combined() =>
        Single(ErrorsFor(TempRuleSet.Criterion("first_known(person.benefit, person.supervision_need) = 'x'")))
            .Message.ShouldBe("first_known takes two or more values of the same type");

    [Fact]
    public void A_syntax_error_points_at_the_offending_token()
    {
        var error = Single(ErrorsFor(TempRuleSet.Criterion("person.has_work_capacity and and true")));
        error.Message.ShouldBe("expected a value but found the keyword 'and'");
        (error.Position.Line, error.Position.Column).ShouldBe((16, 41));
    }

    [Theory]
    [InlineData("System.IO.File.Exists('x')", "unknown function 'System.IO.File.Exists'")]
    [InlineData("GetType() = 'x'", "unknown function 'GetType'")]
    [InlineData("person.GetType() = 'x'", "unknown function 'person.GetType'")]
    [InlineData("person.Person = 'x'", "unknown name 'person.Person'")]
    [InlineData("case.Case.Person.HasWorkCapacity", "unknown name 'case.Case.Person.HasWorkCapacity'")]
    public void A_rule_file_cannot_reach_any_dotnet_member(string when, string message) =>
        Single(ErrorsFor(TempRuleSet.Criterion(when))).Message.ShouldStartWith(message);

    [Fact]
    public void A_cycle_through_negation_is_rejected()
    {
        const string rules = """
              - id: P
                source: src
                when: not finding.q
                then: { finding: p }
                explain: p
              - id: Q
                source: src
                when: finding.p
                then: { finding: q }
                explain: q
            """;
        var errors = ErrorsFor(rules);
        errors.ShouldContain(e => e.RuleId == "P" && e.Message.StartsWith("cycle through negation: this rule tests the absence of finding 'q'"));
    }

    [Fact]
    public void A_file_name_that_is_not_its_effective_date_is_rejected()
    {
        var errors = _rules.With("2015-02-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true"))).Errors();
        Single(errors).Message.ShouldBe("the file name must be the effective date: 2015-01-01.yaml, not 2015-02-01.yaml");
    }

    [Fact]
    public void Overlapping_and_gapped_version_dates_are_rejected()
    {
        const string later = """
            rule_set: test
            version: 2017-01-01
            status: in_force
            effective_from: 2017-01-01
            extends: 2015-01-01
            title: Later
            summary: Later version
            """;
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true"), header: "effective_until: 2017-06-30"))
            .With("2017-01-01.yaml", later);
        Single(_rules.Errors()).Message.ShouldBe("version 2015-01-01 runs until 2017-06-30, overlapping version 2017-01-01 from 2017-01-01");

        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true"), header: "effective_until: 2016-06-30"));
        Single(_rules.Errors()).Message.ShouldStartWith("gap: version 2015-01-01 ends 2016-06-30 but the next version starts 2017-01-01");
    }

    [Fact]
    public void A_planned_version_that_extends_a_superseded_version_is_rejected_with_the_version_to_extend()
    {
        static string Delta(string version, string status, string extends) => $"""
            rule_set: test
            version: {version}
            status: {status}
            effective_from: {(status == "planned" ? "unknown" : version)}
            extends: {extends}
            title: {version}
            summary: {version}
            """;
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")))
            .With("planned-plan.yaml", Delta("planned-plan", "planned", "2015-01-01"));
        _rules.Errors().ShouldBeEmpty();

        _rules.With("2017-01-01.yaml", Delta("2017-01-01", "in_force", "2015-01-01"));
        var error = Single(_rules.Errors());
        error.Position.File.ShouldEndWith("planned-plan.yaml");
        error.Message.ShouldStartWith("planned version planned-plan extends 2015-01-01, which version 2017-01-01 (from 2017-01-01) supersedes: extend 2017-01-01");
    }

    [Fact]
    public void An_outcome_value_without_a_dutch_label_is_rejected_and_a_label_for_no_value_too()
    {
        const string outcome = """
            outcomes:
              - id: verdict
                title: Oordeel
                values: [ja, nee]
                labels: { ja: ja, nee: nee, onbekend: onbekend, misschien: misschien }
                undetermined:
                  value: onbekend
                  explain: niet te zeggen
            """;
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true"), extra: outcome));
        _rules.Errors().ShouldContain(e => e.Message == "unknown key 'misschien' (allowed here: ja, nee, onbekend)" && e.Position.Line == 15);

        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true"), extra: outcome.Replace("nee: nee, ", "").Replace(", misschien: misschien", "")));
        _rules.Errors().ShouldContain(e => e.Message == "missing required key 'nee'" && e.Position.Line == 15);
    }

    [Fact]
    public void A_rule_without_explanation_or_then_is_reported_with_its_id()
    {
        const string rules = """
              - id: Bare
                source: src
                when: true
            """;
        var errors = ErrorsFor(rules);
        errors.ShouldContain(e => e.RuleId == "Bare" && e.Message == "missing required key 'then'");
        errors.ShouldContain(e => e.RuleId == "Bare" && e.Message.StartsWith("missing required key 'explain'"));
    }

    [Fact]
    public void Errors_in_explanation_placeholders_are_found_before_anything_runs()
    {
        var rules = TempRuleSet.Criterion("true").Replace("met: voldaan", "met: \"geboren op {person.date_of_brth}\"");
        Single(ErrorsFor(rules)).Message.ShouldStartWith("unknown name 'person.date_of_brth'");
    }

    [Fact]
    public void The_real_rule_set_is_valid() => RuleLibrary.TryLoad(RepositoryPaths.Rules).Diagnostics.ShouldBeEmpty();
}
