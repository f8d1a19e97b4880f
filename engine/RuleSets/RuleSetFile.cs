using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>One version file as written, before it is combined with the version it extends.</summary>
internal sealed record RuleSetFile(
    string Path,
    string? RuleSetId,
    string? Version,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveUntil,
    bool Planned,
    string? Title,
    string? Summary,
    string? Extends,
    IReadOnlyList<LegalSource> Sources,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<OutcomeDefinition> Outcomes,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyDictionary<string, IReadOnlyList<(string Id, SourcePosition Position)>> Removals,
    SourcePosition Position);
