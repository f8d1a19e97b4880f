namespace EligibilityEngine.RuleSets;

/// <summary>
/// The complete rule set in force from one date (or a planned one): every source, parameter, outcome and rule,
/// after applying the version's changes to the version it extends.
/// </summary>
/// <param name="Planned">A planned version (gepland): loaded and validated, only applied when asked for by name.</param>
public sealed record RuleSetVersion(
    string RuleSetId,
    string Version,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveUntil,
    bool Planned,
    string Title,
    string Summary,
    string? Extends,
    string File,
    IReadOnlyList<LegalSource> Sources,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    IReadOnlyList<RuleDefinition> Rules,
    VersionChanges Changes);

/// <summary>What a version file itself adds, replaces and removes relative to the version it extends.</summary>
public sealed record VersionChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Replaced, IReadOnlyList<string> Removed)
{
    public static VersionChanges None { get; } = new([], [], []);
}
