using EligibilityEngine.Cases;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Tests.Cases;

/// <summary>Facts of an earlier case format are refused with what to write instead, never read into another meaning.</summary>
public sealed class CaseFormatTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ee-case-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    private IReadOnlyList<string> Errors(string yaml)
    {
        File.WriteAllText(_file, yaml);
        return Should.Throw<InvalidInputException>(() => CaseReader.ReadFile(_file)).Diagnostics.Select(d => d.ToString()).ToList();
    }

    [Fact]
    public void The_global_regular_employer_fact_is_refused_with_the_two_grounds_that_replace_it()
    {
        var error = Errors("as_of: 2019-01-01\nperson:\n  can_work_at_regular_employer: false\n").ShouldHaveSingleItem();

        error.ShouldContain(":3:33: person.can_work_at_regular_employer is no longer a fact");
        error.ShouldContain("Write supervision_beyond_employer (begeleiding, lid 1 onder b) and adaptations_beyond_employer (aanpassingen, lid 1 onder a) instead");
    }

    [Fact]
    public void A_Wsw_indicatie_written_as_a_benefit_is_refused_with_the_fact_that_replaces_it()
    {
        var error = Errors("as_of: 2019-01-01\nperson:\n  benefit: wsw_indicatie\n").ShouldHaveSingleItem();

        error.ShouldContain(":3:12: person.benefit: 'wsw_indicatie' is not a benefit. Write wsw_indication: true, and as benefit what the person receives");
    }

    [Fact]
    public void A_Wsw_indicatie_next_to_bijstand_is_read_as_two_facts()
    {
        File.WriteAllText(_file, "as_of: 2019-01-01\nperson:\n  benefit: participatiewet\n  wsw_indication: true\n");

        var person = CaseReader.ReadFile(_file).Case.Person;

        (person.Benefit, person.WswIndication).ShouldBe((Facts.BenefitType.Participatiewet, true));
    }
}
