using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Testing;

/// <summary>Compares a decision with what a sample or rule test expects; returns every difference in words.</summary>
public static class ExpectationCheck
{
    public static IReadOnlyList<string> Differences(Decision decision, ExpectedDecision expected)
    {
        var differences = new List<string>();
        foreach (var (id, value) in expected.Outcomes)
        {
            var outcome = decision.Outcomes.FirstOrDefault(o => o.Id == id);
            if (outcome is null) differences.Add($"outcome '{id}' does not exist in version {decision.RuleSet.Version}");
            else if (outcome.Value != value) differences.Add($"outcome {id}: expected {value}, got {outcome.Value}");
        }

        foreach (var (id, status) in expected.Criteria)
        {
            var criterion = decision.Criteria.FirstOrDefault(c => c.Id == id);
            if (criterion is null) differences.Add($"criterion '{id}' does not exist in version {decision.RuleSet.Version}");
            else if (StatusCode(criterion.Status) != status) differences.Add($"criterion {id}: expected {status}, got {StatusCode(criterion.Status)}");
        }

        if (expected.Findings is { } findings)
        {
            var actual = decision.Findings.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            var wanted = findings.Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(wanted)) differences.Add($"findings: expected [{string.Join(", ", wanted)}], got [{string.Join(", ", actual)}]");
        }

        if (expected.Missing is { } missing)
        {
            var actual = decision.MissingFacts.Select(m => m.Path).Order(StringComparer.Ordinal).ToList();
            var wanted = missing.Order(StringComparer.Ordinal).ToList();
            if (!actual.SequenceEqual(wanted)) differences.Add($"missing facts: expected [{string.Join(", ", wanted)}], got [{string.Join(", ", actual)}]");
        }

        if (expected.Planned is { } planned && decision.RuleSet.Planned != planned)
            differences.Add($"expected a {(planned ? "planned" : "in-force")} version, got {decision.RuleSet.Version}");

        return differences;
    }

    public static string StatusCode(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "met",
        CriterionStatus.NotMet => "not_met",
        _ => "undetermined",
    };
}
