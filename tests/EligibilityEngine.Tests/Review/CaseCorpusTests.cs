using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Review;

/// <summary>Case corpora for an impact analysis: folders, YAML batches and CSV exports.</summary>
public sealed class CaseCorpusTests : IDisposable
{
    private readonly TempRuleSet _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Header = "case_id,as_of,person.date_of_birth,person.has_work_capacity,person.supervision_need,person.adaptation_need," +
        "person.supervision_beyond_employer,person.adaptations_beyond_employer,person.benefit,person.wsw_indication,application.applicant,application.date,application.new_facts_stated," +
        "municipality.code,municipality.employees,events";

    private const string TerugvalRow = "omzetting-en-terugval,2017-06-01,1990-02-11,true,intensive,limited,true,true,participatiewet,false,person,2017-03-15,false," +
        "GM0014,count=30 hours_per_week=25,\"type=advice_issued date=2015-09-01 result=positief; type=placed date=2015-11-01 hours_per_week=24 " +
        "employer_kind=sw_company; type=banenafspraak_indication_granted date=2016-05-01; type=left date=2016-06-30 reason=other_work; " +
        "type=banenafspraak_job_started date=2016-07-01; type=banenafspraak_job_ended date=2017-02-28 reason=not_sustainable\"";

    [Fact]
    public void The_rule_tests_folder_is_a_corpus_of_every_tests_case_on_its_own_peildatum()
    {
        var tests = Testing.RuleTestRunner.Load(RepositoryPaths.RuleTests);

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
        csvDecision.Outcomes.ShouldBe(yamlDecision.Outcomes);
        csvDecision.Criteria.ShouldBe(yamlDecision.Criteria);
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
