using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Review;

/// <summary>
/// The Dutch names of the outcomes and their values in two versions (the newer one's wording first), for a report that
/// speaks of both: "Advies beschut werk: negatief → positief" where JSON and gRPC keep the codes.
/// </summary>
public sealed class OutcomeNames(IEnumerable<CanonicalOutcome> newer, IEnumerable<CanonicalOutcome> older)
{
    private readonly List<CanonicalOutcome> _outcomes = [.. newer, .. older];

    /// <summary>An outcome's title, e.g. "Advies beschut werk"; its id when neither version has it.</summary>
    public string Title(string outcome) => _outcomes.FirstOrDefault(o => o.Id == outcome)?.Title ?? outcome;

    /// <summary>A value's label in the first version that labels it, e.g. "positief advies"; else the value itself
    /// (such as "(niet in deze versie)").</summary>
    public string Label(string outcome, string value) =>
        _outcomes.Where(o => o.Id == outcome).SelectMany(o => o.Labels).FirstOrDefault(l => l.Key == value).Value ?? value;
}
