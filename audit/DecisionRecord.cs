using System.Text.Json.Serialization;
using EligibilityEngine.Evaluation;

namespace EligibilityEngine.Audit;

/// <summary>
/// One evaluation on the record (vastlegging van een besluit): what was decided, by which law (version and content
/// hash) and engine, for whom (pseudonymised) and at whose request, and a SHA-256 of the case input so a replay with
/// the facts the caller kept can be proven identical (Awb art. 3:46; Logboek Dataverwerkingen). Texts that can quote
/// facts (explanations, notices) are not recorded: a replay reproduces them.
/// </summary>
/// <param name="DecisionId">UUID version 7: time-ordered, so records sort by when they were made.</param>
/// <param name="Channel">How the evaluation was asked for: grpc, json or cli.</param>
/// <param name="InputHash">SHA-256 of the canonical case input (<see cref="CaseInputHash"/>).</param>
/// <param name="EncryptedFacts">The case facts, encrypted (<see cref="FactsCipher"/>); only where the deployment stores them.</param>
public sealed record DecisionRecord(
    Guid DecisionId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DecidedAt,
    string Channel,
    RecordedCaller Caller,
    ProcessingOperation Operation,
    string InputHash,
    RecordedDecision Decision,
    [property: JsonIgnore] byte[]? EncryptedFacts = null);

/// <summary>Who asked: the organisation (OIN from its certificate), the client (token <c>client_id</c>) and, when the
/// caller passes them as ZGW callers do, the person working in it (<c>user_id</c>, <c>user_representation</c>).</summary>
public sealed record RecordedCaller(string? Oin, string? ClientId, string? UserId, string? UserRepresentation);

/// <summary>
/// The fields of the Logboek Dataverwerkingen standard for this processing: the W3C trace context of the operation,
/// its name, times and status, and the attributes <c>dpl.core.processing_activity_id</c> (the entry in the register of
/// processing activities), <c>dpl.core.data_subject_id</c> (a keyed pseudonym, never the id itself) and its type.
/// </summary>
/// <param name="ParentSpanId">The caller's span when it sent a <c>traceparent</c>: the foreign operation this one serves.</param>
/// <param name="Status">Ok for every legal outcome, positive, negative or undetermined alike.</param>
public sealed record ProcessingOperation(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    string Status,
    string? ProcessingActivityId,
    string? DataSubjectId,
    string? DataSubjectIdType)
{
    /// <summary>The operation name of an evaluation, in traces and in the log alike.</summary>
    public const string EvaluationName = "beoordelen-beschut-werk";
}

/// <summary>
/// The decision as recorded: peildatum, rule set, engine, every outcome and criterion with the rule and citation that
/// decided it, the findings and the missing facts. A replay builds the same record from a new evaluation and compares.
/// </summary>
public sealed record RecordedDecision(
    DateOnly AsOf,
    RuleSetReference RuleSet,
    EngineReference Engine,
    IReadOnlyList<RecordedOutcome> Outcomes,
    IReadOnlyList<RecordedCriterion> Criteria,
    IReadOnlyList<RecordedFinding> Findings,
    IReadOnlyList<RecordedMissingFact> MissingFacts)
{
    public static RecordedDecision Of(Decision decision) => new(
        decision.AsOf,
        decision.RuleSet,
        decision.Engine,
        decision.Outcomes.Select(o => new RecordedOutcome(o.Id, o.Status, o.Value, o.RuleId, o.Citation?.Text, o.MissingFacts)).ToList(),
        decision.Criteria.Select(c => new RecordedCriterion(c.Id, c.Status, c.RuleId, c.Citation.Text, c.MissingFacts)).ToList(),
        decision.Findings.Select(f => new RecordedFinding(f.Id, f.RuleId, f.Citation.Text)).ToList(),
        decision.MissingFacts.Select(m => new RecordedMissingFact(m.Path, m.Affects.Select(a => a.Code).ToList())).ToList());

    /// <summary>The outcomes as <c>id=value</c>, comma-separated: the indexed column a list filters on.</summary>
    [JsonIgnore]
    public string OutcomeSummary => string.Join(",", Outcomes.Select(o => $"{o.Id}={o.Value}"));
}

public sealed record RecordedOutcome(string Id, OutcomeStatus Status, string Value, string? RuleId, string? Citation, IReadOnlyList<string> MissingFacts);

public sealed record RecordedCriterion(string Id, CriterionStatus Status, string RuleId, string Citation, IReadOnlyList<string> MissingFacts);

public sealed record RecordedFinding(string Id, string RuleId, string Citation);

public sealed record RecordedMissingFact(string Path, IReadOnlyList<string> Affects);
