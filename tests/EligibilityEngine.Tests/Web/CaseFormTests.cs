using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using EligibilityEngine.GrpcHost.Web.Forms;
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
