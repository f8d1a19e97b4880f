using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine;

/// <summary>
/// Judges the timeline outcomes (levensloop) on the date of every event up to the peildatum, each under the version
/// in force on that date — or, when a version was asked for by name, under that version throughout.
/// </summary>
public static class Timeline
{
    /// <param name="cancellation">Checked before each date: a caller that has gone stops the work.</param>
    public static IReadOnlyList<TimelineStep> Build(RuleLibrary library, Case @case, DateOnly asOf, string? version, CancellationToken cancellation = default)
    {
        var steps = new List<TimelineStep>();
        var byDate = @case.Events.Where(e => e.Date <= asOf).GroupBy(e => e.Date).OrderBy(g => g.Key);
        foreach (var group in byDate)
        {
            cancellation.ThrowIfCancellationRequested();
            var date = group.Key;
            CompiledRuleSet set;
            try
            {
                set = library.Select(date, version);
            }
            catch (EvaluationException)
            {
                continue; // an event before the first version: there was no law of this kind yet to judge it by
            }

            var outcomes = set.Version.Outcomes.Where(o => o.Timeline).Select(o => o.Id).ToList();
            if (outcomes.Count == 0) continue;
            var decision = library.Engine.Evaluate(set, @case, date, EvaluationOptions.TimelineStep);
            var events = group.Select(e => CodeNames.ToCode(e.Type.ToString())).ToList();
            foreach (var id in outcomes)
            {
                var outcome = decision.Outcome(id);
                steps.Add(new TimelineStep(date, events, id, outcome.Value, outcome.ValueLabel, outcome.Explanation, set.Version.Version, set.Version.Planned));
            }
        }

        return steps;
    }
}
