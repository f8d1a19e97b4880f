using EligibilityEngine.Decisions;

namespace EligibilityEngine.Review;

/// <summary>How an item differs between two versions. <see cref="Unchanged"/> appears only for the rules behind a
/// changed decision: such a rule can decide differently because what it reads changed.</summary>
public enum ChangeKind { Added, Removed, Changed, Unchanged }

/// <summary>One field of a rule, parameter, outcome or source that differs: its text before and after (null when the
/// item did not exist on that side). <see cref="Field"/> is a stable key such as <c>when</c>, <c>explain.met</c> or
/// <c>row GM0014|2018</c>.</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    /// <summary>The words that changed, for a field present on both sides (null otherwise): what the page, the Markdown
    /// and the JSON mark. Derived from <see cref="Before"/> and <see cref="After"/>, so not part of equality.</summary>
    public IReadOnlyList<WordSegment>? Words => Before is null || After is null ? null : WordDiff.Compare(Before, After);
}

/// <summary>A rule, parameter, outcome or source that was added, removed or changed, with the fields that differ (for
/// an added or removed item: all its fields). <see cref="Citation"/> is the legal source it cites, as cited in the
/// newer version where it exists there.</summary>
public sealed record ItemChange(string Id, ChangeKind Kind, string? Title, string? Citation, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// What one version of a rule set says differently from another (semantische diff): rules, parameters (to the table
/// row), outcomes and sources added, removed and changed. Empty when the two say the same, however they are written.
/// </summary>
public sealed record VersionDiff(
    RuleSetReference From,
    RuleSetReference To,
    string? FromEffective,
    string? ToEffective,
    string ToSummary,
    IReadOnlyList<ItemChange> Rules,
    IReadOnlyList<ItemChange> Parameters,
    IReadOnlyList<ItemChange> Outcomes,
    IReadOnlyList<ItemChange> Sources)
{
    public bool IsEmpty => Rules.Count == 0 && Parameters.Count == 0 && Outcomes.Count == 0 && Sources.Count == 0;
}
