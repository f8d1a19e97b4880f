using System.Text;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Testing;

/// <summary>
/// Writes a case and the decision the rules gave it as one entry of a YAML rule test (rules/&lt;set&gt;/tests), so that a
/// legal team can keep what they agreed on next to the rules: <see cref="RuleTestRunner"/> reads it back and checks every
/// outcome, criterion status, finding and missing fact of the decision.
/// </summary>
public static class RuleTestWriter
{
    private static string Quote(string text) => CaseYamlWriter.Quote(text);

    public static string Write(string name, string source, Case @case, Decision decision, string? version)
    {
        var b = new StringBuilder();
        b.AppendLine("  - name: " + Quote(name));
        b.AppendLine("    source: " + Quote(source));
        b.AppendLine("    as_of: " + decision.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (version is not null) b.AppendLine("    version: " + Quote(version));
        var facts = CaseYamlWriter.Write(@case with { CaseId = null });
        if (facts.Length == 0) b.AppendLine("    case: {}");
        else
        {
            b.AppendLine("    case:");
            foreach (var line in facts.Split('\n', StringSplitOptions.RemoveEmptyEntries)) b.Append("      ").AppendLine(line.TrimEnd('\r'));
        }

        b.AppendLine("    expect:");
        Block(b, "outcomes", decision.Outcomes.Select(o => (o.Id, o.Value)));
        Block(b, "criteria", decision.Criteria.Select(c => (c.Id, ExpectationCheck.StatusCode(c.Status))));
        // Quoted: a missing table row (param.quota[GM0014, 2019]) holds brackets and a comma.
        b.AppendLine("      findings: [" + string.Join(", ", decision.Findings.Select(f => Quote(f.Id))) + "]");
        b.AppendLine("      missing: [" + string.Join(", ", decision.MissingFacts.Select(m => Quote(m.Path))) + "]");
        return b.ToString();
    }

    private static void Block(StringBuilder b, string key, IEnumerable<(string Id, string Value)> entries)
    {
        var list = entries.ToList();
        if (list.Count == 0) return;
        b.AppendLine($"      {key}:");
        foreach (var (id, value) in list) b.AppendLine($"        {id}: {Quote(value)}");
    }
}
