using System.Text.Json.Serialization;
using EligibilityEngine.Decisions;

namespace EligibilityEngine.Review;

/// <summary>An outcome value or criterion status that differs between the two versions, and the rule that decided it
/// on each side (null when no rule decided).</summary>
public sealed record ValueChange(string Id, string Before, string After, string? RuleBefore, string? RuleAfter);

/// <summary>A rule that decided a changed outcome or criterion, and how the semantic diff changed it
/// (<see cref="ChangeKind.Unchanged"/>: the rule is the same; the change came through what it reads).</summary>
public sealed record ResponsibleRule(string Id, ChangeKind Change);

/// <summary>A case whose decision differs: outcome values and criterion statuses before → after, and the rules behind them.</summary>
public sealed record ChangedCase(
    string Name, DateOnly FromAsOf, DateOnly ToAsOf, IReadOnlyList<ValueChange> Outcomes, IReadOnlyList<ValueChange> Criteria, IReadOnlyList<ResponsibleRule> Rules);

/// <summary>How many cases saw one outcome go from one value to another, e.g. advies negatief → positief.</summary>
public sealed record OutcomeTransition(string Outcome, string Before, string After, int Cases);

/// <summary>A case that could not be judged under one of the versions (e.g. it has no peildatum).</summary>
public sealed record FailedCase(string Name, string Reason);

/// <summary>
/// Whose decisions a law change changes (impactanalyse): every case judged under both versions, the changed ones
/// grouped by outcome transition and listed one by one, and the engine that judged them. <see cref="Names"/> gives the
/// Dutch titles and labels a person reads; the report's values are the codes.
/// </summary>
public sealed record ImpactReport(
    RuleSetReference From,
    RuleSetReference To,
    EngineReference Engine,
    string Dates,
    int Cases,
    int Unchanged,
    IReadOnlyList<OutcomeTransition> Transitions,
    IReadOnlyList<ChangedCase> Changed,
    IReadOnlyList<FailedCase> Failed,
    [property: JsonIgnore] OutcomeNames Names);
