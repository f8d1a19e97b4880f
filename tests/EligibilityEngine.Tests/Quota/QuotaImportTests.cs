using EligibilityEngine.Facts;
using EligibilityEngine.Cli;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Quota;

/// <summary>`eligibility quota import`: a year's complete annex is loaded only when every row checks out and the numbers
/// add up to the year's national number. The annexes here are made up for the test; the folder is a copy.</summary>
public sealed class QuotaImportTests : IDisposable
{
    private readonly TempRuleSet _dir = new();

    public QuotaImportTests() => RepositoryCopy.Rules(Rules);

    public void Dispose() => _dir.Dispose();

    private string Rules => Path.Combine(_dir.Path, "rules");

    private (int Exit, string Output, string Error) Import(string csv, string year = "2019", params string[] more)
    {
        var file = Path.Combine(_dir.Path, "annex.csv");
        File.WriteAllText(file, csv);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(["quota", "import", file, "--year", year, "--citation", "Stcrt. 2018, 69402", "--rules", Rules, .. more], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_complete_annex_is_written_as_the_years_table_and_decides_the_duty()
    {
        // 6,000 is the national number for 2019 in the rule set.
        var (exit, output, _) = Import("municipality_code,municipality_name,number\nGM0014,Groningen,100\nGM0363,Amsterdam,500\nGM0599,Rotterdam,5400\n");

        exit.ShouldBe(0);
        output.ShouldContain("wrote ");
        output.ShouldContain("3 municipalities, 6000 dienstbetrekkingen in total (the national number for 2019)");
        var written = File.ReadAllText(Path.Combine(Rules, "quota", "2019.yaml"));
        written.ShouldContain("status: complete");
        written.ShouldContain("citation: 'Stcrt. 2018, 69402'");
        written.ShouldContain("  GM0014: 100   # Groningen");

        var library = RuleLibrary.Load(Rules, engine: EngineKind.Compiled);
        Duty(library, employees: 99).ShouldBe("plicht_tot_aanbod");
        Duty(library, employees: 100).ShouldBe("geen_plicht_quotum_bereikt");
    }

    private static string Duty(RuleLibrary library, int employees) =>
        library.Evaluate(Case.Empty with
        {
            Person = new Person(new DateOnly(1990, 1, 1), true, SupervisionLevel.Intensive, AdaptationLevel.None, true, null, BenefitType.Participatiewet, null, false),
            Application = new Application(Applicant.Municipality, new DateOnly(2019, 2, 1), false),
            Municipality = new Municipality("GM0014", null, Enumerable.Repeat(new Employee(25m, null), employees).ToArray(), HigherNumberByOrdinance: false),
            // The college has determined: the duty then depends on the number alone.
            Events = [new CaseEvent(EventType.Determined, new DateOnly(2019, 3, 1), AdviceResult.Positief)],
        }, new DateOnly(2019, 6, 1)).Outcome("gemeentelijke_plicht").Value;

    [Fact]
    public void Every_bad_row_is_named_with_its_line_and_column_and_nothing_is_written()
    {
        var (exit, _, error) = Import("municipality_code,year,number\nGM14,2019,10\nGM0014,2018,20\nGM0015,2019,-3\nGM0016,2019,5\nGM0016,2019,6\n");

        exit.ShouldBe(1);
        error.ShouldContain("annex.csv:2:1: 'GM14' is not a CBS municipality code such as GM0014");
        error.ShouldContain("annex.csv:3:8: this row is for year '2018', not 2019");
        error.ShouldContain("annex.csv:4:13: the number must be a whole number of at least 0, not '-3'");
        error.ShouldContain("annex.csv:6:1: GM0016 appears twice: also on line 5");
        File.Exists(Path.Combine(Rules, "quota", "2019.yaml")).ShouldBeFalse();
    }

    [Fact]
    public void An_annex_that_does_not_add_up_to_the_national_number_is_refused_and_the_table_before_it_stays()
    {
        var before = File.ReadAllText(Path.Combine(Rules, "quota", "2018.yaml"));

        var (exit, _, error) = Import("municipality_code,number\nGM0014,70\nGM0363,243\n", year: "2018");

        exit.ShouldBe(1);
        error.ShouldContain("the numbers add up to 313, but the national number for 2018 is 4600: an annex is complete only when they agree " +
                            "(if the annex states its own total, give it with --stated-sum)");
        File.ReadAllText(Path.Combine(Rules, "quota", "2018.yaml")).ShouldBe(before);
    }

    [Fact]
    public void A_year_without_a_national_number_in_the_rule_set_cannot_be_checked_and_is_refused()
    {
        var (exit, _, error) = Import("municipality_code,number\nGM0014,70\n", year: "2025");

        exit.ShouldBe(1);
        error.ShouldContain("has no national number for 2025 (param national_target): add it, with its source, before loading the annex");
    }

    // The letters round the national number ("4600"); the 2018 annex itself says "voorlopig 4,591".
    [Fact]
    public void An_annex_that_adds_up_to_its_own_stated_total_is_loaded_and_the_difference_from_the_rounded_national_number_reported()
    {
        var (exit, output, _) = Import("municipality_code,number\nGM0014,70\nGM0363,4521\n", "2018", "--stated-sum", "4591");

        exit.ShouldBe(0);
        output.ShouldContain("2 municipalities, 4591 dienstbetrekkingen in total as the annex states; the national number for 2018 in the rule set is 4600 (rounded in the letters), a difference of -9");
        File.ReadAllText(Path.Combine(Rules, "quota", "2018.yaml")).ShouldContain("summing to 4591 as the annex states (-9 from the rounded national number 4600)");
    }

    [Fact]
    public void A_stated_total_the_rows_do_not_reach_or_far_from_the_national_number_is_refused()
    {
        Import("municipality_code,number\nGM0014,70\nGM0363,4520\n", "2018", "--stated-sum", "4591").Error
            .ShouldContain("the numbers add up to 4590, but the annex states a total of 4591: a row is missing or wrong");
        Import("municipality_code,number\nGM0014,70\nGM0363,4460\n", "2018", "--stated-sum", "4530").Error
            .ShouldContain("the annex states a total of 4530, -70 from the national number 4600 for 2018: more than rounding to the hundred (49) explains");
    }
}
