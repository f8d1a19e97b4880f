using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Review;

/// <summary>Case corpora for an impact analysis: folders, YAML batches and CSV exports.</summary>
public sealed class CaseCorpusTests : IDisposable
{
    private readonly TempRuleSet _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A diagnostic as it reads with the file named within the test's folder.</summary>
    private string InFolder(Diagnostic d) => Path.GetRelativePath(_dir.Path, d.Position.File) + d.ToString()[d.Position.File.Length..];

    private const string Header = "case_id,as_of,person.date_of_birth,person.has_work_capacity,person.supervision_need,person.adaptation_need," +
        "person.supervision_beyond_employer,person.adaptations_beyond_employer,person.benefit,person.wsw_indication,application.applicant,application.date,application.new_facts_stated," +
        "municipality.higher_number_by_ordinance,municipality.code,municipality.employees,events";

    private const string TerugvalRow = "omzetting-en-terugval,2017-06-01,1990-02-11,true,intensive,limited,true,true,participatiewet,false,person,2017-03-15,false," +
        "false,GM0014,count=30 hours_per_week=25,\"type=advice_issued date=2015-09-01 result=positief; type=placed date=2015-11-01 hours_per_week=24 " +
        "employer_kind=sw_company; type=banenafspraak_indication_granted date=2016-05-01; type=left date=2016-06-30 reason=other_work; " +
        "type=banenafspraak_job_started date=2016-07-01; type=banenafspraak_job_ended date=2017-02-28 reason=not_sustainable\"";

    [Fact]
    public void The_rule_tests_folder_is_a_corpus_of_every_tests_case_on_its_own_peildatum()
    {
        var tests = EligibilityEngine.Testing.RuleTestRunner.Load(RepositoryPaths.RuleTests);

        var cases = CaseCorpus.Load(RepositoryPaths.RuleTests);

        cases.Count.ShouldBe(tests.Count);
        foreach (var test in tests)
        {
            var named = cases.Single(c => c.Case.CaseId == test.Name);
            named.AsOf.ShouldBe(test.AsOf);
            CaseYamlWriter.Write(named.Case).ShouldBe(CaseYamlWriter.Write(test.Case));
        }
    }

    [Fact]
    public void A_csv_row_is_judged_exactly_as_the_same_case_written_in_yaml()
    {
        _dir.With("cases.csv", Header + "\n" + TerugvalRow + "\n");
        var fromCsv = CaseCorpus.Load(Path.Combine(_dir.Path, "cases.csv")).ShouldHaveSingleItem();
        var fromYaml = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));

        fromCsv.Name.ShouldBe("omzetting-en-terugval");
        fromCsv.AsOf.ShouldBe(fromYaml.AsOf);
        var set = RealRules.Library.Resolve("2017-01-01");
        var csvDecision = CompiledEngine.Instance.Evaluate(set, fromCsv.Case, fromCsv.AsOf!.Value, EvaluationOptions.Default);
        var yamlDecision = CompiledEngine.Instance.Evaluate(set, fromYaml.Case, fromYaml.AsOf!.Value, EvaluationOptions.Default);
        Json.Serialize(csvDecision).ShouldBe(Json.Serialize(yamlDecision));
        fromCsv.Case.Events.ShouldBe(fromYaml.Case.Events);
        fromCsv.Case.Municipality.Employees!.Count.ShouldBe(30);
    }

    [Fact]
    public void A_csv_with_the_retired_regular_employer_column_is_refused_saying_what_to_write_instead()
    {
        _dir.With("cases.csv", "case_id,as_of,person.can_work_at_regular_employer\na,2019-01-01,false\n");

        var error = Should.Throw<InvalidInputException>(() => CaseCorpus.Load(Path.Combine(_dir.Path, "cases.csv")));

        error.Diagnostics.Select(d => d.ToString()).ShouldHaveSingleItem().ShouldContain(
            "cases.csv:2:14: person.can_work_at_regular_employer is no longer a fact: BabW art. 3 lid 1 asks per ground whether an employer " +
            "cannot provide it within reasonable limits. Write supervision_beyond_employer (begeleiding, lid 1 onder b) and " +
            "adaptations_beyond_employer (aanpassingen, lid 1 onder a) instead");
    }

    [Fact]
    public void Empty_csv_cells_are_unknown_facts_and_none_is_a_known_empty_list_of_employees()
    {
        _dir.With("cases.csv", "case_id,as_of,person.benefit,municipality.employees\na,2019-01-01,,none\nb,2019-01-01,wajong,\n");

        var cases = CaseCorpus.Load(Path.Combine(_dir.Path, "cases.csv"));

        cases[0].Case.Person.Benefit.ShouldBeNull();
        cases[0].Case.Municipality.Employees.ShouldBe([]);
        cases[1].Case.Municipality.Employees.ShouldBeNull();
    }

    [Fact]
    public void Csv_errors_name_the_line_the_column_and_the_fact()
    {
        _dir.With("cases.csv", "case_id,as_of,person.benfit,events\n" +
            "a,2019-01-01,wajong,type=placed date=2019-13-01\n");

        var error = Should.Throw<InvalidInputException>(() => CaseCorpus.Load(Path.Combine(_dir.Path, "cases.csv")));

        var messages = error.Diagnostics.Select(d => d.ToString()).ToList();
        messages.ShouldContain(m => m.Contains("cases.csv:1:15") && m.Contains("unknown column 'person.benfit'; did you mean 'person.benefit'?"));
        messages.ShouldContain(m => m.Contains("cases.csv:2:38") && m.Contains("events[0].date must be a date written as YYYY-MM-DD, not '2019-13-01'"));
    }

    /// <summary>A CSV export with a mistake of every kind the case reader checks, and the diagnostics the reader gave when
    /// it built YAML nodes for each row (before issue #26), to the character: the reader that reads cells directly must
    /// give the same messages at the same lines and columns, in the same order.</summary>
    private static readonly string[] FaultyCsv =
        [
            "case_id,as_of,person.date_of_birth,person.has_work_capacity,person.benefit,person.wage_value_percent,person.can_work_at_regular_employer,person.benfit,application.date,municipality.code,municipality.quota,municipality.employees,events",
            "a,2019-01-01,1990-02-30,ja,wajongg,35.5,,,2019-01-01,GM0014,,count=0 hours_per_week=24; count=abc; hours=5 foo; hours_per_week=,type=placed date=2019-13-01",
            "b,2019-02-31,unknown,null,unknown,\"35,5\",false,x,,GM14,12,none,\"type=advice_issued; date=2018-01-01; type=bogus date=2018-01-01 result=maybe; type=left date=2018-02-01 reason=x extra=1\"",
            "c,2019-01-01,1990-01-01,true,wajong,,,,,GM0014,,\"count=3 hours_per_week=24;count=2 hours_per_week=30\",",
            " d ,  2019-01-01 ,,,,,,,,,,  none  ,\"type=placed date=2015-11-01 hours_per_week=24 employer_kind=sw_companyy;\"",
            "e,2019-01-01",
            "\"f",
            "with break\",2019-01-01,,,\"wa,jong\",,,,,,,,",
            ",,,,,,,,,,,,",
            "g,,,,,,,,,,,count=999999 hours_per_week=24,type=placed",
        ];

    [Fact]
    public void A_faulty_csv_gives_every_message_at_its_line_and_column_as_the_case_file_reader_words_it()
    {
        _dir.With("bad.csv", string.Join("\n", FaultyCsv) + "\n");

        var error = Should.Throw<InvalidInputException>(() => CaseCorpus.Load(Path.Combine(_dir.Path, "bad.csv")));

        error.Diagnostics.Select(InFolder).ShouldBe(
        [
            "bad.csv:1:138: unknown column 'person.benfit'; did you mean 'person.benefit'?",
            "bad.csv:2:14: person.date_of_birth must be a date written as YYYY-MM-DD, not '1990-02-30'",
            "bad.csv:2:25: person.has_work_capacity must be true, false or unknown, not 'ja'",
            "bad.csv:2:28: person.benefit: 'wajongg' is not one of (participatiewet, none, wajong, wia, other_uwv); did you mean 'wajong'?",
            "bad.csv:2:68: municipality.employees[0].count must be between 1 and 100000, not 0",
            "bad.csv:2:95: municipality.employees[1].count must be a number such as 25, 25.5 or 25,5 (no thousands separators), not 'abc'",
            "bad.csv:2:100: unknown key 'hours'; did you mean 'hours_per_week'?",
            "bad.csv:2:108: unknown key 'foo' (allowed here: hours_per_week, employer_kind, count)",
            "bad.csv:2:128: municipality.employees[3].hours_per_week must be a number such as 25, 25.5 or 25,5 (no thousands separators), not ''",
            "bad.csv:2:146: events[0].date must be a date written as YYYY-MM-DD, not '2019-13-01'",
            "bad.csv:3:42: person.can_work_at_regular_employer is no longer a fact: BabW art. 3 lid 1 asks per ground whether an employer cannot provide it within reasonable limits. Write supervision_beyond_employer (begeleiding, lid 1 onder b) and adaptations_beyond_employer (aanpassingen, lid 1 onder a) instead",
            "bad.csv:3:22: person.has_work_capacity must be true, false or unknown, not 'null'",
            "bad.csv:3:51: municipality.code: 'GM14' is not a CBS municipality code such as GM0014",
            "bad.csv:3:65: events[0].date is required: every event is dated",
            "bad.csv:3:84: events[1].type is required (one of advice_issued, placed, left, banenafspraak_indication_applied, banenafspraak_indication_granted, banenafspraak_job_started, banenafspraak_job_ended, work_capacity_lost, moved, determined, revoked)",
            "bad.csv:3:107: events[2].type: 'bogus' is not one of (advice_issued, placed, left, banenafspraak_indication_applied, banenafspraak_indication_granted, banenafspraak_job_started, banenafspraak_job_ended, work_capacity_lost, moved, determined, revoked)",
            "bad.csv:3:136: events[2].result: 'maybe' is not one of (positief, negatief)",
            "bad.csv:3:178: unknown key 'extra' (allowed here: type, date, result, hours_per_week, employer_kind, reason, municipality)",
            "bad.csv:3:176: events[3].reason: 'x' is not one of (illness, moved, dismissed, other_work, not_sustainable, contract_ended, other)",
            "bad.csv:3:3: 'as_of' must be a date written as YYYY-MM-DD, not '2019-02-31'",
            "bad.csv:5:98: events[0].employer_kind: 'sw_companyy' is not one of (sw_company, municipality, regular_employer); did you mean 'sw_company'?",
            "bad.csv:6:1: this row has 2 cells; the header names 13 columns",
            "bad.csv:8:27: person.benefit: 'wa,jong' is not one of (participatiewet, none, wajong, wia, other_uwv); did you mean 'wajong'?",
            "bad.csv:10:19: municipality.employees[0].count must be between 1 and 100000, not 999999",
            "bad.csv:10:44: events[0].date is required: every event is dated",
        ]);
    }

    [Fact]
    public void A_column_named_twice_and_a_key_given_twice_in_an_item_are_errors_at_their_place()
    {
        _dir.With("cases.csv", "case_id,as_of,person.benefit,events,person.benefit\na,2019-01-01,wajong,type=placed date=2019-01-01 type=left,none\n");

        var error = Should.Throw<InvalidInputException>(() => CaseCorpus.Load(Path.Combine(_dir.Path, "cases.csv")));

        error.Diagnostics.Select(InFolder).ShouldBe(
        [
            "cases.csv:1:37: the column 'person.benefit' is named twice",
            "cases.csv:2:49: 'type' is given twice",
        ]);
    }

    [Fact]
    public void An_impact_over_a_csv_read_row_by_row_equals_the_impact_over_its_cases_read_at_once()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => TerugvalRow.Replace("omzetting-en-terugval,2017-06-01", $"rij-{i},2017-0{1 + i % 9}-01")));
        _dir.With("cases.csv", Header + "\n" + rows + "\n");
        var path = Path.Combine(_dir.Path, "cases.csv");
        var library = RuleLibrary.Load(RepositoryPaths.Rules, engine: EngineKind.Compiled);
        var (from, to) = (library.Resolve("2015-01-01"), library.Resolve("2017-01-01"));
        var dates = new EligibilityEngine.Review.ImpactDates(EligibilityEngine.Review.ImpactDates.Mode.Case);

        var streamed = EligibilityEngine.Review.ImpactAnalysis.Run(library.Engine, from, to, CaseCorpus.Open(path), dates);
        var atOnce = EligibilityEngine.Review.ImpactAnalysis.Run(library.Engine, from, to, CaseCorpus.Load(path), dates);

        streamed.Cases.ShouldBe(40);
        streamed.Changed.Count.ShouldBeGreaterThan(0);
        EligibilityEngine.Review.ImpactMarkdown.Render(streamed).ShouldBe(EligibilityEngine.Review.ImpactMarkdown.Render(atOnce));
    }

    [Fact]
    public void An_impact_over_a_csv_with_an_error_gives_the_error_and_no_report()
    {
        _dir.With("cases.csv", Header + "\n" + TerugvalRow + "\n" + TerugvalRow.Replace("participatiewet", "bijstand") + "\n");
        var library = RuleLibrary.Load(RepositoryPaths.Rules, engine: EngineKind.Compiled);

        var error = Should.Throw<InvalidInputException>(() => EligibilityEngine.Review.ImpactAnalysis.Run(library.Engine,
            library.Resolve("2015-01-01"), library.Resolve("2017-01-01"), CaseCorpus.Open(Path.Combine(_dir.Path, "cases.csv")),
            new EligibilityEngine.Review.ImpactDates(EligibilityEngine.Review.ImpactDates.Mode.Case)));

        InFolder(error.Diagnostics.ShouldHaveSingleItem()).ShouldStartWith("cases.csv:3:78: person.benefit:");
    }

    [Fact]
    public void A_yaml_batch_names_each_case_by_its_case_id()
    {
        _dir.With("batch.yaml", """
            cases:
              - case_id: een
                as_of: 2019-03-01
                person: { has_work_capacity: true }
              - as_of: 2019-03-01
                person: { benefit: wajongg }
            """);

        var error = Should.Throw<InvalidInputException>(() => CaseCorpus.Load(Path.Combine(_dir.Path, "batch.yaml")));

        error.Diagnostics.ShouldHaveSingleItem().ToString().ShouldContain("batch.yaml:6:24");
    }

    [Fact]
    public void A_folder_corpus_holds_every_case_file_in_name_order()
    {
        var cases = CaseCorpus.Load(RepositoryPaths.Samples);

        cases.Count.ShouldBe(20);
        cases.Select(c => c.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        cases.ShouldAllBe(c => c.AsOf != null);
    }
}
