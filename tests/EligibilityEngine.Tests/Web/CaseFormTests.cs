using EligibilityEngine.Facts;
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

    [Theory]
    [InlineData("35 %", 35)]
    [InlineData("35%", 35)]
    [InlineData("35,5", 35.5)]
    [InlineData("35,5 %", 35.5)]
    public void A_percentage_is_taken_the_dutch_way_with_or_without_its_sign(string typed, double expected)
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.Unknown.Remove("person.wage_value_percent");
        form.Values["person.wage_value_percent"] = typed;

        form.Read().ShouldNotBeNull().Person.WageValuePercent.ShouldBe((decimal)expected);
        form.Values["person.wage_value_percent"].ShouldBe(typed, "what was typed stays in the form");
    }

    [Fact]
    public void A_percent_sign_where_the_form_takes_no_percentage_gets_a_dutch_message()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.AddEvent();
        form.Values[CaseForm.EventName(0, "type")] = "placed";
        form.Values[CaseForm.EventName(0, "date")] = "2019-02-01";
        form.Values[CaseForm.EventName(0, "hours_per_week")] = "24 %";

        form.Read().ShouldBeNull();

        form.Errors[CaseForm.EventName(0, "hours_per_week")].ShouldStartWith("Schrijf een getal van 0 tot en met ");
        form.Errors[CaseForm.EventName(0, "hours_per_week")].ShouldNotContain("%");
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

    [Fact]
    public void Every_kind_of_event_names_its_details_and_each_is_a_detail_of_an_event()
    {
        FactModel.EventTypeFields.Keys.ShouldBe(Enum.GetValues<EventType>(), ignoreOrder: true);
        FactModel.EventTypeFields.Values.SelectMany(k => k).ShouldAllBe(key => FactModel.EventFields.ContainsKey(key) && key != "date");
    }

    [Fact]
    public void An_event_shows_the_details_of_its_kind_and_without_a_kind_every_detail_so_the_form_works_without_script()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.AddEvent();
        var details = FactModel.EventFields.Keys.Where(k => k != "date").Select(k => CaseForm.EventName(0, k)).ToList();
        details.ShouldAllBe(d => !form.Hides(d));

        form.Values[CaseForm.EventName(0, "type")] = "moved";
        details.Where(d => !form.Hides(d)).ShouldBe([CaseForm.EventName(0, "municipality")]);
        form.Hides(CaseForm.EventName(0, "date")).ShouldBeFalse();

        form.Values[CaseForm.EventName(0, "reason")] = "other";
        form.Hides(CaseForm.EventName(0, "reason")).ShouldBeFalse("a detail with a value is never hidden away");
    }

    [Fact]
    public void A_bad_value_is_reported_at_the_field_the_reader_names_not_at_a_line()
    {
        var form = CaseForm.Empty(new DateOnly(2020, 1, 1));
        form.Unknown.Remove("person.wage_value_percent");
        form.Values["person.wage_value_percent"] = "veel";
        form.AddEvent();
        form.Values[CaseForm.EventName(0, "type")] = "placed";
        form.Values[CaseForm.EventName(0, "date")] = "2019-02-30";
        form.Values[CaseForm.EventName(0, "hours_per_week")] = "99";

        form.Read().ShouldBeNull();

        form.Errors.Keys.ShouldBe(["person.wage_value_percent", "events[0].date", "events[0].hours_per_week"]);
        form.OtherErrors.ShouldBeEmpty();
    }

    [Fact]
    public void Numbers_from_a_case_show_with_a_decimal_comma_and_read_back_the_same()
    {
        var file = new CaseFile(Case.Empty with { Person = new Person { WageValuePercent = 35.5m } }, new DateOnly(2020, 1, 1), null, null, null);
        var form = CaseForm.From(file, new DateOnly(2020, 1, 1));

        form.Values["person.wage_value_percent"].ShouldBe("35,5");
        form.Read()!.Person.WageValuePercent.ShouldBe(35.5m);
    }

    [Fact]
    public void The_print_lists_the_facts_with_the_forms_dutch_labels_and_values()
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "omzetting-en-terugval.yaml"));

        var printed = CaseForm.Printed(file.Case);

        printed.ShouldContain(("Geboortedatum", "11 februari 1990"));
        printed.ShouldContain(("Uitkering", "bijstand (Participatiewet)"));
        printed.ShouldContain(("Gebeurtenis 2, wat er gebeurde", "geplaatst in beschut werk"));
        printed.ShouldContain(("Dienstbetrekkingen regel 1, aantal gelijke dienstbetrekkingen", "30"));
        printed.Count.ShouldBe(CaseFacts.Known(file.Case).Count());
    }
}
