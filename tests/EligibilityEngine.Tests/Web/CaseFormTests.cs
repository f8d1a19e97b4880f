using EligibilityEngine.Cases;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>The case form covers the case format: every sample put into the form reads back to the same facts, and an
/// empty form is a case with every fact unknown.</summary>
public sealed class CaseFormTests
{
    public static TheoryData<string> Samples() => new(Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_put_into_the_form_reads_back_to_the_same_facts(string sample)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, sample));
        var form = CaseForm.From(file, new DateOnly(2020, 1, 1));

        var read = form.Read();

        form.Errors.ShouldBeEmpty();
        form.OtherErrors.ShouldBeEmpty();
        CaseYamlWriter.Write(read!).ShouldBe(CaseYamlWriter.Write(file.Case with { CaseId = null }));
        form.Version.ShouldBe(file.Version ?? "");
    }

    [Fact]
    public void An_empty_form_is_a_case_with_every_fact_unknown_not_false_or_zero()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));

        var read = form.Read();

        CaseYamlWriter.Write(read!).ShouldBe(CaseYamlWriter.Write(Case.Empty));
        read!.Municipality.Employees.ShouldBeNull();
    }

    [Fact]
    public void A_value_typed_while_onbekend_is_ticked_is_an_error_not_a_guess()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.Values["person.date_of_birth"] = "1990-01-01";

        form.Read().ShouldBeNull();

        form.Errors.Keys.ShouldBe(["person.date_of_birth"]);
    }

    [Fact]
    public void Dates_posted_the_dutch_way_read_as_the_same_dates_and_an_impossible_one_stays_as_typed()
    {
        var posted = new Microsoft.AspNetCore.Http.FormCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            [CaseForm.AsOfField] = "1-3-2019",
            ["person.date_of_birth"] = "17-05-1994",
            ["application.date"] = "31-02-2018",
            ["event_count"] = "1",
            ["events[0].type"] = "advice_issued",
            ["events[0].date"] = "01-02-2019",
        });

        var form = CaseForm.From(posted);

        form.AsOf.ShouldBe("2019-03-01");
        form.Values["person.date_of_birth"].ShouldBe("1994-05-17");
        form.Values["events[0].date"].ShouldBe("2019-02-01");
        form.Values["application.date"].ShouldBe("31-02-2018");
        form.Read().ShouldBeNull(); // fields left empty without onbekend are errors too
        form.Errors.Keys.ShouldContain("application.date");
        form.Errors.Keys.ShouldNotContain("person.date_of_birth");
        form.Errors.Keys.ShouldNotContain("events[0].date");
    }

    [Fact]
    public void An_employee_list_without_lines_is_known_to_be_empty()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.EmployeesUnknown = false;

        form.Read()!.Municipality.Employees.ShouldBe([]);
    }

    [Fact]
    public void Removing_an_event_moves_the_later_ones_up_with_their_values()
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));
        var form = CaseForm.From(file, new DateOnly(2020, 1, 1));

        form.RemoveEvent(0);

        form.EventCount.ShouldBe(file.Case.Events.Count - 1);
        form.Read()!.Events.Select(e => (e.Type, e.Date)).ShouldBe(file.Case.Events.Skip(1).Select(e => (e.Type, e.Date)));
    }
}
