using EligibilityEngine.Review;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Maps a semantic diff and an impact report to the contract, each with its Markdown rendering.</summary>
public static class ReviewMapper
{
    public static V1.DiffRuleSetsResponse Diff(VersionDiff diff)
    {
        var response = new V1.DiffRuleSetsResponse
        {
            From = DecisionMapper.Reference(diff.From), To = DecisionMapper.Reference(diff.To),
            FromEffectiveFrom = diff.FromEffective ?? "", ToEffectiveFrom = diff.ToEffective ?? "", ToSummary = diff.ToSummary,
            NoChanges = diff.IsEmpty, Markdown = DiffMarkdown.Render(diff),
        };
        response.Rules.Add(diff.Rules.Select(Item));
        response.Parameters.Add(diff.Parameters.Select(Item));
        response.Outcomes.Add(diff.Outcomes.Select(Item));
        response.Sources.Add(diff.Sources.Select(Item));
        return response;
    }

    public static V1.ImpactAnalysisResponse Impact(ImpactReport report)
    {
        var response = new V1.ImpactAnalysisResponse
        {
            From = DecisionMapper.Reference(report.From), To = DecisionMapper.Reference(report.To), AsOf = report.Dates,
            Cases = report.Cases, Unchanged = report.Unchanged, Markdown = ImpactMarkdown.Render(report),
            Engine = DecisionMapper.Engine(report.Engine),
        };
        response.Transitions.Add(report.Transitions.Select(t => new V1.OutcomeTransition { Outcome = t.Outcome, Before = t.Before, After = t.After, Cases = t.Cases }));
        response.Changed.Add(report.Changed.Select(c => new V1.ChangedCase
        {
            Name = c.Name, FromAsOf = c.FromAsOf.ToString("yyyy-MM-dd"), ToAsOf = c.ToAsOf.ToString("yyyy-MM-dd"),
            Outcomes = { c.Outcomes.Select(Value) }, Criteria = { c.Criteria.Select(Value) },
            Rules = { c.Rules.Select(r => new V1.ResponsibleRule { Id = r.Id, Change = Kind(r.Change) }) },
        }));
        response.Failed.Add(report.Failed.Select(f => new V1.FailedCase { Name = f.Name, Reason = f.Reason }));
        return response;
    }

    private static V1.ItemChange Item(ItemChange item)
    {
        var change = new V1.ItemChange { Id = item.Id, Kind = Kind(item.Kind), Title = item.Title ?? "", Citation = item.Citation ?? "" };
        foreach (var f in item.Fields)
        {
            var field = new V1.FieldChange { Field = f.Field };
            if (f.Before is not null) field.Before = f.Before;
            if (f.After is not null) field.After = f.After;
            change.Fields.Add(field);
        }

        return change;
    }

    private static V1.ValueChange Value(ValueChange v) =>
        new() { Id = v.Id, Before = v.Before, After = v.After, RuleBefore = v.RuleBefore ?? "", RuleAfter = v.RuleAfter ?? "" };

    private static V1.ChangeKind Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => V1.ChangeKind.Added,
        ChangeKind.Removed => V1.ChangeKind.Removed,
        ChangeKind.Changed => V1.ChangeKind.Changed,
        _ => V1.ChangeKind.Unchanged,
    };
}
