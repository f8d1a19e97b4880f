using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Runtime;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Runtime;

/// <summary>
/// Date arithmetic that leaves the calendar (before 0001-01-01, after 9999-12-31) knows no answer: it is unknown,
/// never an exception, in every version and on both engines. The host refuses such dates at the door
/// (<see cref="FactLimits.FirstYear"/> to <see cref="FactLimits.LastYear"/>); this is the engine behind it.
/// </summary>
public sealed class CalendarEdgeTests : IDisposable
{
    private readonly TempRuleSet _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_case_file_or_csv_row_dated_outside_the_accepted_years_is_refused_at_the_field()
    {
        var file = Should.Throw<InvalidInputException>(() => CaseReader.ReadText("""
            as_of: 0001-03-01
            person:
              date_of_birth: 9999-12-31
            events:
              - { type: advice_issued, date: 1899-12-31, result: positief }
            """, "jaar-1.yaml"));
        var csv = Should.Throw<InvalidInputException>(() =>
            CaseCorpus.Load(Path.Combine(_dir.With("cases.csv", "case_id,as_of,application.date\na,2018-03-01,0001-03-01\n").Path, "cases.csv")));

        file.Diagnostics.Select(d => d.Message).ShouldBe([
            "'as_of' must be a date from 1900-01-01 to 2199-12-31, not '0001-03-01'",
            "person.date_of_birth must be a date from 1900-01-01 to 2199-12-31, not '9999-12-31'",
            "events[0].date must be a date from 1900-01-01 to 2199-12-31, not '1899-12-31'",
        ], ignoreOrder: true);
        csv.Diagnostics.Single().Message.ShouldBe("application.date must be a date from 1900-01-01 to 2199-12-31, not '0001-03-01'");
    }

    /// <summary>An own request at the calendar's edge, with an advice a month before it: the rules add and subtract
    /// months, days and years from these dates.</summary>
    private static Case OwnRequestOn(DateOnly applied) => Case.Empty with
    {
        Person = new Person(DateOfBirth: applied, HasWorkCapacity: true),
        Application = new Application(Applicant.Person, applied, NewFactsStated: false),
        Events = [new CaseEvent(EventType.AdviceIssued, applied.Day > 1 || applied.Month > 1 ? applied.AddMonths(-1) : applied, Result: AdviceResult.Positief)],
    };

    public static TheoryData<EngineKind> Engines => new() { EngineKind.Compiled, EngineKind.NRules };

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_case_dated_at_the_calendars_edges_is_judged_in_every_version_without_an_exception(EngineKind engine)
    {
        var library = RealRules.Library.With(DecisionEngines.Create(engine));
        var edges = new[] { new DateOnly(1, 3, 1), DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(9999, 12, 1) };

        foreach (var version in library.Versions.Select(v => v.Version.Version))
        foreach (var date in edges)
        foreach (var asOf in new[] { new DateOnly(2018, 3, 1), date })
        {
            var decision = Should.NotThrow(() => library.Evaluate(OwnRequestOn(date), asOf, EvaluationOptions.Default, version),
                $"{engine}, version {version}, dates {date:yyyy-MM-dd}, peildatum {asOf:yyyy-MM-dd}");
            decision.Outcomes.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void Adding_days_months_or_years_past_the_calendars_ends_is_unknown()
    {
        var first = DateOnly.MinValue.DayNumber;
        var last = DateOnly.MaxValue.DayNumber;

        RuntimeOps.AddDays(first, -1).ShouldBeNull();
        RuntimeOps.AddDays(last, 1).ShouldBeNull();
        RuntimeOps.AddDays(first, decimal.MaxValue).ShouldBeNull();
        RuntimeOps.AddMonths(first, -1).ShouldBeNull();
        RuntimeOps.AddMonths(last, 1).ShouldBeNull();
        RuntimeOps.AddMonths(first, decimal.MinValue).ShouldBeNull();
        RuntimeOps.AddYears(first, -1).ShouldBeNull();
        RuntimeOps.AddYears(last, 1).ShouldBeNull();
        RuntimeOps.AddYears(last, decimal.MaxValue).ShouldBeNull();

        RuntimeOps.AddDays(last, -1).ShouldBe(last - 1);
        RuntimeOps.AddMonths(new DateOnly(9999, 11, 30).DayNumber, 1).ShouldBe(last - 1);
        RuntimeOps.AddMonths(new DateOnly(2020, 3, 31).DayNumber, -1).ShouldBe(new DateOnly(2020, 2, 29).DayNumber);
        RuntimeOps.AddYears(new DateOnly(2020, 2, 29).DayNumber, 1).ShouldBe(new DateOnly(2021, 2, 28).DayNumber);
        RuntimeOps.AddYears(new DateOnly(1, 1, 1).DayNumber, 9998).ShouldBe(new DateOnly(9999, 1, 1).DayNumber);
    }

    /// <summary>The date functions take a date apart once instead of reading DateOnly's Year, Month and Day one by one:
    /// checked against those, day by day over leap years and month ends. A month (year) is whole once the day of the
    /// month (the month and day) of the first date is reached; adding months keeps the day or takes the month's last.</summary>
    [Fact]
    public void Adding_months_and_counting_months_and_years_between_dates_agree_with_the_calendar()
    {
        var start = new DateOnly(2015, 12, 1);
        var birth = new DateOnly(1964, 2, 29);
        for (var day = start; day <= new DateOnly(2021, 3, 31); day = day.AddDays(1))
        {
            foreach (var months in new[] { -25, -12, -1, 0, 1, 11, 12, 13, 48 })
                RuntimeOps.AddMonths(day.DayNumber, months).ShouldBe(day.AddMonths(months).DayNumber, $"{day:yyyy-MM-dd} + {months} months");

            foreach (var (from, to) in new[] { (birth, day), (start, day), (day, day.AddDays(45)), (day, start) })
            {
                var wholeMonths = (to.Year - from.Year) * 12 + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
                var wholeYears = to.Year - from.Year - (to.Month < from.Month || (to.Month == from.Month && to.Day < from.Day) ? 1 : 0);
                RuntimeOps.MonthsBetween(from.DayNumber, to.DayNumber).ShouldBe(wholeMonths, $"months {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
                RuntimeOps.YearsBetween(from.DayNumber, to.DayNumber).ShouldBe(wholeYears, $"years {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
            }
        }
    }
}
