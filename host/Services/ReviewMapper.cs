using System.Globalization;
using EligibilityEngine.Decisions;
using EligibilityEngine.Review;
using EligibilityEngine.Verification;
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

    /// <summary>The precomputed exact difference of two versions; without one, the status says so (and why) in Dutch.</summary>
    public static V1.ExactDifference Exact(PrecomputedExactDiff? precomputed)
    {
        if (precomputed is not { Difference: var d })
            return new V1.ExactDifference
            {
                Status = V1.ExactDiffStatus.NotPrecomputed,
                Summary = "Voor deze twee versies is geen exact verschil vooraf berekend (of hun regels zijn sindsdien gewijzigd): " +
                          "de server laat de oplosser niet draaien bij een verzoek. Vooraf berekend worden elke versie tegen de versie " +
                          "ervoor en elke geplande versie tegen de laatste geldende (eligibility exact-diffs).",
            };
        var exact = new V1.ExactDifference
        {
            Status = d.Status switch
            {
                ExactDiffStatus.Proven => V1.ExactDiffStatus.Proven,
                ExactDiffStatus.Unknown => V1.ExactDiffStatus.Unknown,
                ExactDiffStatus.TooManyRegions => V1.ExactDiffStatus.TooManyRegions,
                _ => V1.ExactDiffStatus.NotReproduced,
            },
            Summary = ExactDiffMarkdown.Status(d, strong: ""), AsOfFrom = d.AsOfFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Events = d.Events, Solver = precomputed.Solver, ComputedAt = precomputed.ComputedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            Markdown = ExactDiffMarkdown.Render(d),
        };
        exact.OneSidedOutcomes.Add(d.OneSidedOutcomes);
        exact.NotVerified.Add(d.NotVerified.Select(n => $"{n.Key} — {n.Value}"));
        exact.Regions.Add(d.Regions.Select(r => new V1.DiffRegion
        {
            Number = r.Number, Part = r.Kind == DecisionPartKind.Outcome ? "uitkomst" : "criterium", Id = r.Id, Title = r.Title,
            Heading = ExactDiffMarkdown.Heading(r), Before = Side(r.Before), After = Side(r.After), Witness = r.Witness,
        }));
        return exact;
    }

    private static V1.RegionSide Side(RegionSide side) => new()
    {
        Value = side.Value, Label = side.Label, RuleId = side.RuleId ?? "", RuleTitle = side.RuleTitle ?? "",
        Citation = side.Citation is null ? null : DecisionMapper.Cite(side.Citation), RuleChanged = side.RuleChanged,
        Condition = side.RuleChanged ? side.Condition ?? "" : "",
    };

    private static V1.ItemChange Item(ItemChange item)
    {
        var change = new V1.ItemChange { Id = item.Id, Kind = Kind(item.Kind), Title = item.Title ?? "", Citation = item.Citation ?? "" };
        foreach (var f in item.Fields)
        {
            var field = new V1.FieldChange { Field = f.Field };
            if (f.Before is not null) field.Before = f.Before;
            if (f.After is not null) field.After = f.After;
            foreach (var w in f.Words ?? []) field.Words.Add(new V1.WordSegment { Kind = Word(w.Kind), Text = w.Text });
            change.Fields.Add(field);
        }

        return change;
    }

    private static V1.ValueChange Value(ValueChange v) =>
        new() { Id = v.Id, Before = v.Before, After = v.After, RuleBefore = v.RuleBefore ?? "", RuleAfter = v.RuleAfter ?? "" };

    private static V1.WordChange Word(WordChange kind) => kind switch
    {
        WordChange.Same => V1.WordChange.Same,
        WordChange.Removed => V1.WordChange.Removed,
        _ => V1.WordChange.Added,
    };

    private static V1.ChangeKind Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => V1.ChangeKind.Added,
        ChangeKind.Removed => V1.ChangeKind.Removed,
        ChangeKind.Changed => V1.ChangeKind.Changed,
        _ => V1.ChangeKind.Unchanged,
    };
}
