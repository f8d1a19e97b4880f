using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Conditions;

/// <summary>Every operator of the condition language, evaluated through a real rule set, both as interpreted and as
/// JIT-compiled code (the two forms run the same expression trees, but the compiler reuses local variables and
/// refuses some shapes the interpreter takes).</summary>
public sealed class ConditionLanguageTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2020, 6, 15);

    private static readonly Case Sample = Case.Empty with
    {
        Person = new Person(
            DateOfBirth: new DateOnly(1990, 6, 16),
            HasWorkCapacity: true,
            SupervisionNeed: SupervisionLevel.Intensive,
            AdaptationNeed: null,
            SupervisionBeyondEmployer: true, AdaptationsBeyondEmployer: true,
            WageValuePercent: 40),
        Application = new Application(Applicant.Person, new DateOnly(2020, 1, 10)),
        Municipality = new Municipality("GM0014", Employees: [new Employee(25, EmployerKind.SwCompany), new Employee(30, EmployerKind.RegularEmployer)]),
        Events =
        [
            new CaseEvent(EventType.AdviceIssued, new DateOnly(2018, 3, 1), AdviceResult.Negatief),
            new CaseEvent(EventType.AdviceIssued, new DateOnly(2019, 5, 1), AdviceResult.Positief),
            new CaseEvent(EventType.Placed, new DateOnly(2019, 9, 1), HoursPerWeek: 24),
            new CaseEvent(EventType.Left, new DateOnly(2019, 12, 1), Reason: null),
            new CaseEvent(EventType.Placed, new DateOnly(2021, 1, 1), HoursPerWeek: 32),
        ],
    };

    private readonly TempRuleSet _rules = new();

    public void Dispose() => _rules.Dispose();

    private const string Parameters = """
        parameters:
          - name: threshold
            type: integer
            value: 30
            source: src
          - name: budget
            type: money
            value: 2157.50
            source: src
          - name: start
            type: date
            value: 2017-01-01
            source: src
          - name: levels
            type: list
            item_type: text
            items: [intensive, permanent]
            source: src
          - name: share
            type: percentage
            value: 68%
            source: src
          - name: quota
            type: table
            keys:
              - { name: municipality, type: text }
              - { name: year, type: integer }
            value_type: integer
            source: src
            rows:
              - [GM0014, 2020, 70]
        """;

    private CriterionStatus Evaluate(string when) => Judge(when).Status;

    /// <summary>The criterion judged under both compile modes, which must agree on all of it.</summary>
    private CriterionResult Judge(string when, string explainMet = "voldaan")
    {
        _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion(when).Replace("met: voldaan", $"met: \"{explainMet}\""), extra: Parameters));
        var interpreted = _rules.Load(CompileMode.Interpreted).Evaluate(Sample, AsOf).Criterion("c");
        var compiled = _rules.Load(CompileMode.Compiled).Evaluate(Sample, AsOf).Criterion("c");
        compiled.ShouldBe(interpreted with { MissingFacts = compiled.MissingFacts }, $"{when}: compiled and interpreted differ");
        compiled.MissingFacts.ShouldBe(interpreted.MissingFacts, $"{when}: compiled and interpreted name other missing facts");
        return compiled;
    }

    [Theory]
    [InlineData("person.wage_value_percent = 40", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent != 40", CriterionStatus.NotMet)]
    [InlineData("person.wage_value_percent < 41", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent <= 40", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent > 40", CriterionStatus.NotMet)]
    [InlineData("person.wage_value_percent >= param.threshold", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent + 10 = 50", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent - 50 = -10", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent * 2 / 4 = 20", CriterionStatus.Met)]
    [InlineData("(1 + 2) * 3 = 9 and 1 + 2 * 3 = 7", CriterionStatus.Met)]
    [InlineData("person.wage_value_percent / 0 = 1", CriterionStatus.Undetermined)]
    public void Comparison_and_arithmetic_on_numbers(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Theory]
    [InlineData("param.budget + €0.50 = €2158", CriterionStatus.Met)]
    [InlineData("param.budget * 2 = €4315", CriterionStatus.Met)]
    [InlineData("param.budget / €2157.50 = 1", CriterionStatus.Met)]
    [InlineData("param.share * €100 = €68", CriterionStatus.Met)]
    [InlineData("param.share = 68%", CriterionStatus.Met)]
    public void Arithmetic_on_money_and_percentages(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Theory]
    [InlineData("person.date_of_birth < 1990-06-17", CriterionStatus.Met)]
    [InlineData("person.date_of_birth > 1990-06-16", CriterionStatus.NotMet)]
    [InlineData("age(person.date_of_birth, case.as_of) = 29", CriterionStatus.Met)]
    [InlineData("age(person.date_of_birth, 2020-06-16) = 30", CriterionStatus.Met)]
    [InlineData("months_between(application.date, case.as_of) = 5", CriterionStatus.Met)]
    [InlineData("days_between(2020-01-01, 2020-03-01) = 60", CriterionStatus.Met)]
    [InlineData("years_between(param.start, case.as_of) = 3", CriterionStatus.Met)]
    [InlineData("add_days(application.date, 5) = 2020-01-15", CriterionStatus.Met)]
    [InlineData("add_months(application.date, -12) = 2019-01-10", CriterionStatus.Met)]
    [InlineData("add_years(param.start, 3) = 2020-01-01", CriterionStatus.Met)]
    [InlineData("year(case.as_of) = 2020", CriterionStatus.Met)]
    [InlineData("start_of_year(case.as_of) = 2020-01-01", CriterionStatus.Met)]
    [InlineData("add_days(start_of_year(case.as_of), -1) = 2019-12-31", CriterionStatus.Met)]
    [InlineData("min(param.start, application.date) = param.start and max(1, 2) = 2", CriterionStatus.Met)]
    public void Date_arithmetic(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    /// <summary>An undetermined condition names as missing only the unknown facts that could still decide it: the reads
    /// of a part that ended known (an `and` with a false side, an `or` with a true one, a first_known that found a
    /// value) are forgotten.</summary>
    [Theory]
    [InlineData("person.adaptation_need = 'extensive' and person.has_work_capacity", CriterionStatus.Undetermined, "person.adaptation_need")]
    [InlineData("person.adaptation_need = 'extensive' and not person.has_work_capacity", CriterionStatus.NotMet, "")]
    [InlineData("(person.adaptation_need = 'extensive' or true) and person.benefit = 'none'", CriterionStatus.Undetermined, "person.benefit")]
    [InlineData("person.adaptation_need = 'extensive' or person.benefit = 'none'", CriterionStatus.Undetermined, "person.adaptation_need person.benefit")]
    [InlineData("first_known(municipality.quota, municipality.ordinance_number) = 5", CriterionStatus.Undetermined, "municipality.ordinance_number municipality.quota")]
    [InlineData("first_known(municipality.quota, 5) = 5 and person.benefit = 'none'", CriterionStatus.Undetermined, "person.benefit")]
    [InlineData("exists(left where reason = 'illness') or person.has_work_capacity", CriterionStatus.Met, "")]
    [InlineData("exists(left where reason = 'illness') and person.has_work_capacity", CriterionStatus.Undetermined, "events.left.reason")]
    [InlineData("latest(left).reason = 'illness' or person.adaptation_need = 'none'", CriterionStatus.Undetermined, "events.left.reason person.adaptation_need")]
    public void An_undetermined_condition_names_only_the_missing_facts_that_could_decide_it(string when, CriterionStatus expected, string missing)
    {
        var criterion = Judge(when);
        criterion.Status.ShouldBe(expected);
        criterion.MissingFacts.ShouldBe(missing.Split(' ', StringSplitOptions.RemoveEmptyEntries), ignoreOrder: true);
    }

    [Theory]
    [InlineData("person.supervision_need in ['intensive', 'permanent']", CriterionStatus.Met)]
    [InlineData("person.supervision_need in param.levels", CriterionStatus.Met)]
    [InlineData("person.supervision_need not in param.levels", CriterionStatus.NotMet)]
    [InlineData("person.adaptation_need in ['extensive']", CriterionStatus.Undetermined)]
    [InlineData("municipality.code in ['GM0014', 'GM0363']", CriterionStatus.Met)]
    [InlineData("person.adaptation_need is unknown and person.supervision_need is known", CriterionStatus.Met)]
    public void Membership_and_knownness(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Theory]
    [InlineData("person.adaptation_need = 'extensive' and false", CriterionStatus.NotMet)]
    [InlineData("false and person.adaptation_need = 'extensive'", CriterionStatus.NotMet)]
    [InlineData("person.adaptation_need = 'extensive' and true", CriterionStatus.Undetermined)]
    [InlineData("person.adaptation_need = 'extensive' or true", CriterionStatus.Met)]
    [InlineData("true or person.adaptation_need = 'extensive'", CriterionStatus.Met)]
    [InlineData("person.adaptation_need = 'extensive' or false", CriterionStatus.Undetermined)]
    [InlineData("not (person.adaptation_need = 'extensive')", CriterionStatus.Undetermined)]
    [InlineData("not person.has_work_capacity", CriterionStatus.NotMet)]
    [InlineData("first_known(person.adaptation_need, person.adaptation_need) = 'extensive'", CriterionStatus.Undetermined)]
    [InlineData("first_known(municipality.quota, 5) = 5", CriterionStatus.Met)]
    public void Three_valued_logic_never_reads_unknown_as_false(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Theory]
    [InlineData("exists(advice_issued where result = 'positief')", CriterionStatus.Met)]
    [InlineData("exists(work_capacity_lost)", CriterionStatus.NotMet)]
    [InlineData("count(advice_issued) = 2", CriterionStatus.Met)]
    [InlineData("count(placed) = 1", CriterionStatus.Met)] // the 2021 placement is after the peildatum
    [InlineData("latest(advice_issued).result = 'positief'", CriterionStatus.Met)]
    [InlineData("earliest(advice_issued).date = 2018-03-01", CriterionStatus.Met)]
    [InlineData("exists(placed where date > latest(advice_issued where result = 'positief').date)", CriterionStatus.Met)]
    [InlineData("exists(left where reason = 'illness')", CriterionStatus.Undetermined)]
    // Two quantifiers in one condition: each starts afresh, whatever the other left behind.
    [InlineData("exists(advice_issued where result = 'positief' or reason = 'illness') and not exists(work_capacity_lost)", CriterionStatus.Met)]
    [InlineData("(exists(left where reason = 'illness') or true) and not exists(work_capacity_lost)", CriterionStatus.Met)]
    [InlineData("count(advice_issued where result = 'positief') = 1 and count(advice_issued where result = 'positief') = 1", CriterionStatus.Met)]
    [InlineData("sum(placed).hours_per_week = 24 and count(advice_issued where result = 'positief') = 1", CriterionStatus.Met)]
    [InlineData("latest(advice_issued).date is known and count(placed) is known", CriterionStatus.Met)]
    [InlineData("exists(left where reason = 'illness') is known", CriterionStatus.NotMet)]
    [InlineData("count(left where reason = 'illness') is unknown and sum(placed).hours_per_week is known", CriterionStatus.Met)]
    [InlineData("count(left where reason = 'illness') = 0", CriterionStatus.Undetermined)]
    [InlineData("sum(placed).hours_per_week = 24", CriterionStatus.Met)]
    [InlineData("count(employees) = 2 and sum(employees).hours_per_week = 55", CriterionStatus.Met)]
    [InlineData("count(employees where employer_kind = 'regular_employer') = 1", CriterionStatus.Met)]
    [InlineData("latest(moved).municipality = 'GM0363'", CriterionStatus.Undetermined)]
    public void Quantifiers_over_the_history_and_employees(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Theory]
    [InlineData("param.quota[municipality.code, year(case.as_of)] = 70", CriterionStatus.Met)]
    [InlineData("param.quota['GM0363', 2020] = 70", CriterionStatus.Undetermined)]
    [InlineData("first_known(municipality.quota, param.quota[municipality.code, 2020]) = 70", CriterionStatus.Met)]
    public void Table_lookups_are_unknown_for_absent_rows_never_zero(string when, CriterionStatus expected) => Evaluate(when).ShouldBe(expected);

    [Fact]
    public void A_quantifier_in_an_explanation_is_said_as_it_is_judged_under_both_compile_modes() =>
        Judge("count(advice_issued) = 2", "{count(advice_issued where result = 'positief')} en {count(advice_issued where result = 'positief')}")
            .Explanation.ShouldBe("1 en 1");

    /// <summary>Only a case built in code can hold an event whose type is not defined: no rule reads it.</summary>
    [Fact]
    public void An_event_of_an_undefined_type_is_read_by_no_rule()
    {
        var library = _rules.With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("count(advice_issued) = 2"), extra: Parameters))
            .Load(CompileMode.Compiled);
        var withStray = Sample with { Events = [.. Sample.Events, new CaseEvent((EventType)99, new DateOnly(2019, 1, 1))] };
        library.Evaluate(withStray, AsOf).Criterion("c").Status.ShouldBe(CriterionStatus.Met);
    }
}
