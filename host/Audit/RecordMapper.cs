using System.Globalization;
using EligibilityEngine.Audit;
using EligibilityEngine.Host.Services;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Audit;

/// <summary>Maps a decision record to the contract (the facts stay out: only whether they are stored).</summary>
public static class RecordMapper
{
    public static V1.DecisionRecord Map(DecisionRecord r)
    {
        var d = r.Decision;
        var op = r.Operation;
        var decision = new V1.RecordedDecision
        {
            AsOf = d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RuleSet = DecisionMapper.Reference(d.RuleSet),
            Engine = DecisionMapper.Engine(d.Engine),
        };
        decision.Outcomes.Add(d.Outcomes.Select(o => new V1.RecordedOutcome
        {
            Id = o.Id, Status = DecisionMapper.Status(o.Status), Value = o.Value, RuleId = o.RuleId ?? "", Citation = o.Citation ?? "", MissingFacts = { o.MissingFacts },
        }));
        decision.Criteria.Add(d.Criteria.Select(c => new V1.RecordedCriterion
        {
            Id = c.Id, Status = DecisionMapper.Status(c.Status), RuleId = c.RuleId, Citation = c.Citation, MissingFacts = { c.MissingFacts },
        }));
        decision.Findings.Add(d.Findings.Select(f => new V1.RecordedFinding { Id = f.Id, RuleId = f.RuleId, Citation = f.Citation }));
        decision.MissingFacts.Add(d.MissingFacts.Select(m => new V1.RecordedMissingFact { Path = m.Path, Affects = { m.Affects } }));
        return new V1.DecisionRecord
        {
            DecisionId = r.DecisionId.ToString(),
            ReceivedAt = Time(r.ReceivedAt),
            DecidedAt = Time(r.DecidedAt),
            Channel = r.Channel,
            Caller = new V1.RecordedCaller
            {
                Oin = r.Caller.Oin ?? "", ClientId = r.Caller.ClientId ?? "", UserId = r.Caller.UserId ?? "", UserRepresentation = r.Caller.UserRepresentation ?? "",
            },
            Operation = new V1.ProcessingOperation
            {
                TraceId = op.TraceId, SpanId = op.SpanId, ParentSpanId = op.ParentSpanId ?? "", Name = op.Name, StartTime = Time(op.StartTime),
                EndTime = Time(op.EndTime), Status = op.Status, ProcessingActivityId = op.ProcessingActivityId ?? "",
                DataSubjectId = op.DataSubjectId ?? "", DataSubjectIdType = op.DataSubjectIdType ?? "",
            },
            InputHash = r.InputHash,
            Decision = decision,
            FactsStored = r.EncryptedFacts is not null,
        };
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
