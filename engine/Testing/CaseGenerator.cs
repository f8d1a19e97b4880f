using System.Text.RegularExpressions;
using CsCheck;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Testing;

/// <summary>A case to judge: the facts, the peildatum, and a version asked for by name (null: the one in force).</summary>
public sealed record GeneratedCase(Case Case, DateOnly AsOf, string? Version);

/// <summary>
/// Random cases for property-based tests and as candidates for the verifier: every fact may be unknown; histories of up
/// to seven events of any type in any order; dates spread over the whole period the rules cover, with many on and around
/// the day a version takes effect; municipalities in and outside the quota tables; planned versions asked for by name.
/// </summary>
public static class CaseGenerator
{
    /// <summary>The seed of <see cref="Cases"/> when none is given, so that two runs try the same cases.</summary>
    public const ulong DefaultSeed = 27;

    /// <summary><paramref name="count"/> cases, the same for the same seed (<see cref="Draw"/>).</summary>
    public static IReadOnlyList<GeneratedCase> Cases(RuleLibrary library, int count, ulong seed = DefaultSeed)
    {
        var generator = For(library);
        return Enumerable.Range(0, count).Select(i => Draw(generator, i, seed)).ToList();
    }

    /// <summary>Case <paramref name="index"/> of a run: drawn from the seed and the index alone (a PCG with stream
    /// <paramref name="index"/>), so one case is replayed without the others, whatever order they were drawn in.</summary>
    public static GeneratedCase Draw(Gen<GeneratedCase> generator, int index, ulong seed) => generator.Generate(new PCG((uint)index, seed), null!, out _);

    /// <summary>The period the generated dates are drawn from.</summary>
    public static readonly DateOnly First = new(2013, 1, 1), Last = new(2031, 12, 31);

    public static Gen<GeneratedCase> For(RuleLibrary library)
    {
        var boundaries = library.Versions.Select(v => v.Version.EffectiveFrom).OfType<DateOnly>().Distinct().ToArray();
        var date = Date(boundaries, First, Last);
        var asOf = Date(boundaries, library.InForce.First().Version.EffectiveFrom!.Value, Last);
        var version = Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf(library.Versions.Select(v => v.Version.Version).ToArray()).Select(v => (string?)v)));
        return Gen.Select(Person(), Application(date), Municipality(library), Event(date).List[0, 7], asOf, version,
            (person, application, municipality, events, at, named) =>
                new GeneratedCase(new Case(null, person, application, municipality, events), at, named));
    }

    /// <summary>A date: on or within a day of a version's effective date, or anywhere from <paramref name="from"/> to
    /// <paramref name="to"/>.</summary>
    private static Gen<DateOnly> Date(DateOnly[] boundaries, DateOnly from, DateOnly to) => Gen.Frequency(
        (2, Gen.Select(Gen.OneOf(boundaries), Gen.Int[-1, 1], (d, offset) => d.AddDays(offset))),
        (5, Gen.Int[from.DayNumber, to.DayNumber].Select(DateOnly.FromDayNumber)));

    private static Gen<Person> Person() => Gen.Select(
        Gen.Int[new DateOnly(1945, 1, 1).DayNumber, new DateOnly(2006, 12, 31).DayNumber].Select(DateOnly.FromDayNumber).Nullable(0.15),
        Gen.Bool.Nullable(0.2),
        Gen.Enum<SupervisionLevel>().Nullable(0.2),
        Gen.Enum<AdaptationLevel>().Nullable(0.2),
        Gen.Bool.Nullable(0.2),
        Gen.Bool.Nullable(0.2),
        Gen.Enum<BenefitType>().Nullable(0.2),
        Gen.Bool.Nullable(0.3),
        Gen.Bool.Nullable(0.3),
        Gen.Bool.Nullable(0.3),
        Gen.Int[0, 100].Select(v => (decimal)v).Nullable(0.5),
        (dob, capacity, supervision, adaptation, supervisionBeyond, adaptationsBeyond, benefit, registered, wsw, wswSupported, wage) =>
            new Person(dob, capacity, supervision, adaptation, supervisionBeyond, adaptationsBeyond, benefit, registered, wsw, wswSupported, wage))
        // The education facts for persons under 27 (Pw art. 7 lid 3 onder a; art. 7a lid 1 onder a from 2026), and the
        // exception for UWV recipients before 2017 (art. 7 lid 3 onder c).
        .Select(Gen.Bool.Nullable(0.3), Gen.Bool.Nullable(0.3), Gen.Bool.Nullable(0.3),
            (person, canFollowEducation, educationUnsuitable, exempt) => person with
            {
                CanFollowFundedEducation = canFollowEducation, CollegeJudgedEducationUnsuitable = educationUnsuitable,
                ExemptFromUwvExclusion = exempt,
            });

    private static Gen<Application> Application(Gen<DateOnly> date) => Gen.Select(
        Gen.Enum<Applicant>().Nullable(0.2), date.Nullable(0.2), Gen.Bool.Nullable(0.3),
        (applicant, applied, newFacts) => new Application(applicant, applied, newFacts));

    private static Gen<Municipality> Municipality(RuleLibrary library)
    {
        // Codes in the quota tables, and one that is in none of them (its quota is unknown unless the case states it).
        var codes = Directory.GetFiles(Path.Combine(library.Directory, "quota"), "*.yaml")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"GM\d{4}").Select(m => m.Value))
            .Append("GM9999").Distinct().Order(StringComparer.Ordinal).ToArray();
        var employee = Gen.Select(Gen.Int[0, 40].Select(h => (decimal)h).Nullable(0.2), Gen.Enum<EmployerKind>().Nullable(0.3),
            (hours, kind) => new Employee(hours, kind));
        var employees = Gen.Frequency(
            (1, Gen.Const((IReadOnlyList<Employee>?)null)),
            (3, employee.Array[0, 120].Select(e => (IReadOnlyList<Employee>?)e)));
        return Gen.Select(Gen.OneOf(codes).Null(0.15), Gen.Int[0, 150].Nullable(0.7), employees, Gen.Bool.Nullable(0.3), Gen.Int[0, 200].Nullable(0.5),
            (code, quota, list, higher, ordinance) => new Municipality(code, quota, list, higher, ordinance));
    }

    private static Gen<CaseEvent> Event(Gen<DateOnly> date) => Gen.Select(
        Gen.Enum<EventType>(), date, Gen.Enum<AdviceResult>().Nullable(0.3), Gen.Int[0, 40].Select(h => (decimal)h).Nullable(0.5),
        Gen.Enum<EmployerKind>().Nullable(0.5), Gen.Enum<LeaveReason>().Nullable(0.4), Gen.OneOf("GM0014", "GM0363", "GM9999").Null(0.7),
        (type, on, result, hours, kind, reason, municipality) => new CaseEvent(type, on, result, hours, kind, reason, municipality));
}
