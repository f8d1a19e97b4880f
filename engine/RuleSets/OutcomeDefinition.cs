using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>
/// A decision the rule set returns (uitkomst), e.g. the advice beschut werk: its possible values and what is
/// said when it cannot be decided (onvoldoende gegevens).
/// </summary>
public sealed record OutcomeDefinition(
    string Id,
    string Title,
    IReadOnlyList<string> Values,
    string UndeterminedValue,
    LocatedText UndeterminedExplanation,
    SourcePosition Position);
