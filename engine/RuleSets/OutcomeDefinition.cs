using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>
/// A decision the rule set returns (uitkomst), e.g. the advice beschut werk: its possible values and what is
/// said when it cannot be decided (onvoldoende gegevens).
/// </summary>
/// <param name="Timeline">Also judge this outcome on the date of every event in the history, each time under the
/// version in force on that date (the levensloop).</param>
public sealed record OutcomeDefinition(
    string Id,
    string Title,
    IReadOnlyList<string> Values,
    string UndeterminedValue,
    LocatedText UndeterminedExplanation,
    bool Timeline,
    SourcePosition Position)
{
    /// <summary>The Dutch label of each value, the undetermined value included (e.g. onvoldoende_gegevens:
    /// "onvoldoende gegevens"): what a person reads where a contract has the code.</summary>
    public required IReadOnlyDictionary<string, string> ValueLabels { get; init; }

    /// <summary>The label of a value; a value without one (none passes validation) shows as its code.</summary>
    public string Label(string value) => ValueLabels.TryGetValue(value, out var label) ? label : value;
}
