using EligibilityEngine.Cases;
using EligibilityEngine.Conditions;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Tests.Cases;

/// <summary>What the web form is built on (issue #23 point 4): errors that name their fact's path whatever the text's
/// lines, a case's facts as (path, text) pairs, and the fact a version reads in place of a table row.</summary>
public sealed class CaseFactsTests
{
    [Fact]
    public void Each_error_about_a_fact_names_its_path_beside_its_line_and_column()
    {
        var invalid = Should.Throw<InvalidInputException>(() => CaseReader.ReadText("""
            person: { date_of_birth: 1990-13-45 }
            events:
              - { type: placed, date: 2019-01-01, hours_per_week: 99 }
              - { date: 2019-02-01 }
            persn: {}
            """, "casus.yaml"));

        invalid.Diagnostics.Select(d => (d.Field, d.Position.Line)).ShouldBe(
            [(null, 5), ("person.date_of_birth", 1), ("events[0].hours_per_week", 3), ("events[1].type", 4)], ignoreOrder: true);
    }

    [Fact]
    public void A_cases_known_facts_are_its_paths_and_texts_in_the_order_of_the_fact_model()
    {
        var file = CaseReader.ReadFile(Path.Combine(Support.RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));

        var facts = CaseFacts.Known(file.Case).ToList();

        facts[0].ShouldBe(("person.date_of_birth", "1990-02-11"));
        facts.ShouldContain(("municipality.employees[0].count", "30"));
        facts.ShouldContain(("events[1].employer_kind", "sw_company"));
        facts.Where(f => f.Path.EndsWith(".type", StringComparison.Ordinal)).Count().ShouldBe(file.Case.Events.Count);
    }

    [Fact]
    public void The_fact_written_beside_a_table_row_in_first_known_states_the_row_instead()
    {
        StatedInstead.Facts(["count(employees) < first_known(municipality.quota, param.quota[municipality.code, year(case.as_of)])"], "quota")
            .ShouldBe(["municipality.quota"]);
        StatedInstead.Facts(["param.quota[municipality.code, 2019] > 3"], "quota").ShouldBeEmpty();
    }
}
