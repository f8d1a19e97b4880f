using EligibilityEngine.Decisions;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Maps an engine decision to the contract.</summary>
public static class DecisionMapper
{
    public static V1.Decision Map(Decision d)
    {
        var result = new V1.Decision
        {
            RuleSet = Reference(d.RuleSet),
            AsOf = d.AsOf.ToString("yyyy-MM-dd"),
            Engine = Engine(d.Engine),
        };
        foreach (var o in d.Outcomes)
        {
            var outcome = new V1.Outcome
            {
                Id = o.Id, Title = o.Title, Value = o.Value, Explanation = o.Explanation, RuleId = o.RuleId ?? "",
                Status = Status(o.Status),
                Citation = o.Citation is null ? null : Cite(o.Citation),
            };
            foreach (var (key, value) in o.Values) outcome.Values[key] = value;
            outcome.MissingFacts.Add(o.MissingFacts);
            result.Outcomes.Add(outcome);
        }

        foreach (var c in d.Criteria)
        {
            var criterion = new V1.Criterion
            {
                Id = c.Id, Title = c.Title, Explanation = c.Explanation, RuleId = c.RuleId, Citation = Cite(c.Citation),
                Status = Status(c.Status),
            };
            criterion.MissingFacts.Add(c.MissingFacts);
            result.Criteria.Add(criterion);
        }

        result.Findings.Add(d.Findings.Select(f => new V1.Finding { Id = f.Id, Explanation = f.Explanation, RuleId = f.RuleId, Citation = Cite(f.Citation) }));
        result.MissingFacts.Add(d.MissingFacts.Select(m => new V1.MissingFact { Path = m.Path, Label = m.Label, Affects = { m.Affects.Select(a => a.Code) }, AffectsAnOutcome = m.AffectsAnOutcome }));
        result.Notices.Add(d.Notices);
        result.Timeline.Add(d.Timeline.Select(s => new V1.TimelineStep
        {
            Date = s.Date.ToString("yyyy-MM-dd"), Events = { s.Events }, Outcome = s.Outcome, Value = s.Value, Version = s.Version, Planned = s.Planned,
        }));
        return result;
    }

    public static V1.OutcomeStatus Status(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Decided => V1.OutcomeStatus.Decided,
        OutcomeStatus.Undetermined => V1.OutcomeStatus.Undetermined,
        _ => V1.OutcomeStatus.NoRuleApplied,
    };

    public static V1.CriterionStatus Status(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => V1.CriterionStatus.Met,
        CriterionStatus.NotMet => V1.CriterionStatus.NotMet,
        _ => V1.CriterionStatus.Undetermined,
    };

    public static V1.RuleSetReference Reference(RuleSetReference r) =>
        new() { Id = r.Id, Version = r.Version, Title = r.Title, Planned = r.Planned, ContentHash = r.ContentHash };

    internal static V1.Citation Cite(Citation c) => new() { SourceId = c.SourceId, Text = c.Text, Url = c.Url ?? "" };

    public static V1.EngineReference Engine(EngineReference e) => new() { Kind = e.Kind, Name = e.Name, Version = e.Version };
}
