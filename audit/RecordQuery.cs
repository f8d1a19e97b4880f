namespace EligibilityEngine.Audit;

/// <summary>Which records a list shows: decided in [From, To), optionally of one rule-set hash (or its prefix), with
/// one outcome (<c>advies=positief</c>, or a value alone) or for one subject pseudonym; at most Limit, oldest first,
/// from just after the record <c>After</c> (the last of the page before). Decision ids are UUID version 7, so their
/// order is the order in which the decisions were made. <c>Owner</c> keeps the records one caller made, and no others.</summary>
public sealed record RecordQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? RuleSetHash = null,
    string? Outcome = null,
    string? SubjectPseudonym = null,
    string? Caller = null,
    int Limit = 1000,
    Guid? After = null,
    RecordOwner? Owner = null);

/// <summary>The caller whose records a reader may see (<see cref="SqlDecisionStore.CallerKey"/>); a null key stands for
/// the records made without a known caller, on a host that runs open.</summary>
public sealed record RecordOwner(string? Key)
{
    public bool Made(DecisionRecord record) => SqlDecisionStore.CallerKey(record.Caller) == Key;
}
