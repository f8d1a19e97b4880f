using System.Text.Json.Serialization;
using EligibilityEngine.Decisions;

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
public sealed record RecordedCaller(string? Oin, string? ClientId, string? UserId, string? UserRepresentation)
{
    /// <summary>Characters kept of a caller's claim: the length ZGW's audit trail gives <c>gebruikersWeergave</c> and
    /// <c>gebruikersId</c>. A token may carry any length (issue #22: unbounded in the record).</summary>
    public const int MaxClaimCharacters = 255;

    /// <summary>The caller with each claim cut to <see cref="MaxClaimCharacters"/>.</summary>
    public RecordedCaller Bounded() => new(Cut(Oin), Cut(ClientId), Cut(UserId), Cut(UserRepresentation));

    private static string? Cut(string? claim) => claim is { Length: > MaxClaimCharacters } ? claim[..MaxClaimCharacters] : claim;
}

/// <summary>
/// The fields of the Logboek Dataverwerkingen standard for this processing (dataverwerking; docs/audit.md maps them
/// to the standard's log line): the operation's trace and id, its name, times and status, the caller's operation
/// (<c>foreign_operation</c>), and the attributes <c>dpl.core.processing_activity_id</c> (the entry in the register of
/// processing activities), <c>dpl.core.data_subject_id</c> (a keyed pseudonym, never the id itself) and its type.
/// </summary>
/// <param name="SpanId">The standard's <c>operation_id</c>.</param>
/// <param name="ParentSpanId">The standard's <c>parent_operation_id</c>: a calling operation inside this processing
/// activity. An evaluation has none (it is the host's first operation); records made before issue #25 hold the
/// caller's span here, which is now <paramref name="ForeignOperation"/>.</param>
/// <param name="Status">Ok for every legal outcome, positive, negative or undetermined alike.</param>
/// <param name="ForeignOperation">The operation of another organisation's application that asked for this one (its
/// W3C <c>traceparent</c>), with the URI of that organisation.</param>
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
    string? DataSubjectIdType,
    ForeignOperation? ForeignOperation = null)
{
    /// <summary>The operation name of an evaluation, in traces and in the log alike.</summary>
    public const string EvaluationName = "beoordelen-beschut-werk";
}

/// <summary>
/// The standard's <c>foreign_operation</c>: the calling operation at another party, by its trace and operation id, and
/// that party (<c>entity</c>) as a URI: <c>urn:oin:&lt;OIN&gt;</c> from its certificate, else its token's client id
/// (<see cref="CallerEntity"/>). Null entity: the host runs open and does not know who called.
/// </summary>
public sealed record ForeignOperation(string TraceId, string OperationId, string? Entity)
{
    /// <summary>The URI of the calling organisation: its OIN (<c>urn:oin:…</c>, as the Digikoppeling standards write
    /// an OIN as a URN), else its token's client id when that is a URI already, else that client id under its token's
    /// issuer (<c>{iss}#client_id={client id}</c>): a client id is only unique at its issuer.</summary>
    public static string? CallerEntity(RecordedCaller caller, string? issuer)
    {
        if (caller.Oin is { } oin) return "urn:oin:" + oin;
        if (caller.ClientId is not { } client) return null;
        if (Uri.TryCreate(client, UriKind.Absolute, out _)) return client;
        return issuer is not null && Uri.TryCreate(issuer, UriKind.Absolute, out _) ? $"{issuer}#client_id={Uri.EscapeDataString(client)}" : null;
    }
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
        decision.Outcomes.Select(o => new RecordedOutcome(o.Id, o.Status, o.Value, o.RuleId, o.Citation?.Text, WithoutTableKeys(o.MissingFacts))).ToList(),
        decision.Criteria.Select(c => new RecordedCriterion(c.Id, c.Status, c.RuleId, c.Citation.Text, WithoutTableKeys(c.MissingFacts))).ToList(),
        decision.Findings.Select(f => new RecordedFinding(f.Id, f.RuleId, f.Citation.Text)).ToList(),
        decision.MissingFacts.GroupBy(m => WithoutTableKey(m.Path), StringComparer.Ordinal)
            .Select(g => new RecordedMissingFact(g.Key, g.SelectMany(m => m.Affects.Select(a => a.Code)).Distinct(StringComparer.Ordinal).ToList())).ToList());

    /// <summary>
    /// A missing table row is named with the keys it was looked up by (<c>quota[GM0014, 2018]</c>): the municipality's
    /// code in clear, which with the dates and outcomes narrows down whom a record is about, while every other fact of
    /// the case is only hashed (issue #22). The record names the table; the keys are facts, kept (encrypted) with the
    /// facts where a deployment stores them, and given again by a replay. An index (<c>[0]</c>) stays.
    /// </summary>
    public static string WithoutTableKey(string path) =>
        path.EndsWith(']') && path.LastIndexOf('[') is var open and > 0 && !path[(open + 1)..^1].All(char.IsAsciiDigit) ? path[..open] : path;

    private static List<string> WithoutTableKeys(IEnumerable<string> paths) => paths.Select(WithoutTableKey).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The outcomes as <c>id=value</c>, comma-separated: the column a list by outcome filters on.</summary>
    [JsonIgnore]
    public string OutcomeSummary => string.Join(",", Outcomes.Select(o => $"{o.Id}={o.Value}"));
}

public sealed record RecordedOutcome(string Id, OutcomeStatus Status, string Value, string? RuleId, string? Citation, IReadOnlyList<string> MissingFacts);

public sealed record RecordedCriterion(string Id, CriterionStatus Status, string RuleId, string Citation, IReadOnlyList<string> MissingFacts);

public sealed record RecordedFinding(string Id, string RuleId, string Citation);

public sealed record RecordedMissingFact(string Path, IReadOnlyList<string> Affects);
