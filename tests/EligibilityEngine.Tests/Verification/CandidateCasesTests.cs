using EligibilityEngine.Cases;
using EligibilityEngine.Facts;
using EligibilityEngine.Verification;
using Shouldly;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The neighbours of a witness, which an exact difference lets the engine judge before it asks the solver.</summary>
public sealed class CandidateCasesTests
{
    private static (Case Case, DateOnly AsOf) Read(string text)
    {
        var file = CaseReader.ReadText(text, "test");
        return (file.Case, file.AsOf!.Value);
    }

    [Fact]
    public void Neighbours_leave_out_each_fact_event_and_event_field_turn_each_yes_no_and_take_another_witness_events_person_or_application()
    {
        var witness = Read("""
            as_of: 2026-03-01
            person:
              date_of_birth: 1990-01-01
              has_work_capacity: true
            events:
              - { type: advice_issued, date: 2025-01-01, result: positief }
            """);
        var other = Read("""
            as_of: 2026-06-01
            person:
              benefit: participatiewet
            application:
              applicant: person
              date: 2026-05-01
            events:
              - { type: banenafspraak_job_started, date: 2025-05-01 }
            """);

        var neighbours = CandidateCases.Neighbours(witness, [other]).ToList();

        var advice = witness.Case.Events.Single();
        var expected = new List<(Case Case, DateOnly AsOf)>
        {
            (witness.Case with { Person = witness.Case.Person with { DateOfBirth = null } }, witness.AsOf),
            (witness.Case with { Person = witness.Case.Person with { HasWorkCapacity = null } }, witness.AsOf),
            (witness.Case with { Person = witness.Case.Person with { HasWorkCapacity = false } }, witness.AsOf),
            (witness.Case with { Events = [] }, witness.AsOf),
            (witness.Case with { Events = [advice with { Result = null }] }, witness.AsOf),
            (witness.Case with { Events = [advice, .. other.Case.Events] }, witness.AsOf),
            (witness.Case with { Events = [advice, .. other.Case.Events] }, other.AsOf),
            (witness.Case with { Person = other.Case.Person }, witness.AsOf),
            (witness.Case with { Person = other.Case.Person }, other.AsOf),
            (witness.Case with { Application = other.Case.Application }, witness.AsOf),
            (witness.Case with { Application = other.Case.Application }, other.AsOf),
        };
        // Compared as case files: the records hold lists, which compare by reference. The event's date is never left out,
        // as an event without a date is no valid case.
        neighbours.Select(n => CaseYamlWriter.Write(n.Case, n.AsOf)).Order()
            .ShouldBe(expected.Select(n => CaseYamlWriter.Write(n.Case, n.AsOf)).Order());
    }
}
