using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The built-in completeness: with every fact known and every table row the case asks for present, no outcome is
/// undetermined; a row the law does not give is outside it, and a version whose rules ask only for absent rows is told.</summary>
[Trait(Category.Name, Category.Solver)]
public sealed class CompletenessTests : IDisposable
{
    private readonly TempRuleSet _rules = new();

    public void Dispose() => _rules.Dispose();

    private const string Parameters = """
        parameters:
          - name: places
            type: table
            keys:
              - { name: year, type: integer }
            value_type: integer
            source: src
            rows:
              - [2015, 3]
              - [2016, 3]
        """;

    private static string Outcome(string id, string value, string when) => $"""
          - id: {id}
            source: src
            when: "{when}"
            then: {"{"} outcome: verdict, value: {value} {"}"}
            explain: {value}

        """;

    private PropertyResult Completeness(string yes, string no)
    {
        var library = _rules.With("2015-01-01.yaml", TempRuleSet.Version(Outcome("JA", "ja", yes) + Outcome("NEE", "nee", no), extra: Parameters + "\n" + TempRuleSet.VerdictOutcome)).Load();
        var verifier = new Verifier(library, new VerificationOptions(Events: 1, Timeout: TimeSpan.FromSeconds(30)));
        return verifier.Verify(library.Resolve("2015-01-01"), [], builtIns: true, id => id == "ingebouwd.volledigheid").Results.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_year_without_a_row_is_outside_completeness_and_the_tables_years_are_named()
    {
        // From 2017 on the table has no row: the outcome is undetermined there, as the law gives no number.
        var result = Completeness("count(employees) < param.places[year(case.as_of)]", "count(employees) >= param.places[year(case.as_of)]");

        result.Status.ShouldBe(PropertyStatus.Proven);
        result.Detail.ShouldNotBeNull().ShouldContain("param.places: 2015–2016");
    }

    [Fact]
    public void An_outcome_undetermined_with_every_fact_and_row_known_is_a_violation_both_engines_confirm()
    {
        // A wage value of exactly 50 divides by zero: unknown, although every fact is known.
        var result = Completeness(
            "person.wage_value_percent / (person.wage_value_percent - 50) > 0 and count(employees) < param.places[year(case.as_of)]",
            "person.wage_value_percent / (person.wage_value_percent - 50) <= 0 or count(employees) >= param.places[year(case.as_of)]");

        result.Status.ShouldBe(PropertyStatus.Violated);
        var counterexample = result.Counterexample.ShouldNotBeNull().ShouldHaveSingleItem();
        counterexample.CaseFile.ShouldContain("wage_value_percent: 50");
        counterexample.CaseFile.ShouldMatch("as_of: 201[56]-");
    }

    [Fact]
    public void Rules_that_ask_only_for_rows_no_table_has_make_completeness_say_nothing_and_fail()
    {
        var result = Completeness("count(employees) < param.places[year(case.as_of) + 100]", "count(employees) >= param.places[year(case.as_of) + 100]");

        result.Status.ShouldBe(PropertyStatus.Violated);
        result.Detail.ShouldNotBeNull().ShouldContain("kent alle gegevens binnen de tabellen");
    }
}
