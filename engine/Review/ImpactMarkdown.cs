using System.Text;

namespace EligibilityEngine.Review;

/// <summary>Renders an <see cref="ImpactReport"/> as Markdown: the count of changed decisions, the transitions per
/// outcome, and each changed case with the criteria and rules behind the change.</summary>
public static class ImpactMarkdown
{
    public static string Render(ImpactReport report)
    {
        var b = new StringBuilder();
        b.AppendLine($"# Gevolgen van {report.To.Version} ten opzichte van {report.From.Version} ({report.From.Id})").AppendLine();
        b.AppendLine($"Peildatum: {report.Dates}. Rekenregels uitgevoerd met: {report.Engine}.").AppendLine();
        Summary(b, report, "##");

        if (report.Changed.Count > 0)
        {
            b.AppendLine().AppendLine("## Veranderde beslissingen");
            foreach (var c in report.Changed)
            {
                b.AppendLine().AppendLine($"### {c.Name}").AppendLine();
                if (c.FromAsOf != c.ToAsOf) b.AppendLine($"Peildatum {c.FromAsOf:yyyy-MM-dd} → {c.ToAsOf:yyyy-MM-dd}.").AppendLine();
                foreach (var o in c.Outcomes)
                    b.AppendLine($"- {report.Names.Title(o.Id)} (`{o.Id}`): {report.Names.Label(o.Id, o.Before)} → {report.Names.Label(o.Id, o.After)}{Rules(o)}");
                foreach (var k in c.Criteria) b.AppendLine($"- Criterium **{k.Id}**: {Status(k.Before)} → {Status(k.After)}{Rules(k)}");
                b.AppendLine($"- Regels: {string.Join(", ", c.Rules.Select(r => $"`{r.Id}`{Change(r.Change)}"))}");
            }
        }

        if (report.Failed.Count > 0)
        {
            b.AppendLine().AppendLine("## Niet beoordeeld").AppendLine();
            foreach (var f in report.Failed) b.AppendLine($"- {f.Name}: {f.Reason}");
        }

        return b.ToString();
    }

    /// <summary>
    /// How many decisions change and from what to what, in the outcomes' Dutch words: the first thing a legal team reads,
    /// at the top of this report and of <see cref="DiffMarkdown"/>'s when it is given the cases.
    /// </summary>
    /// <param name="heading">The Markdown heading level of the transitions table, e.g. "##".</param>
    public static void Summary(StringBuilder b, ImpactReport report, string heading)
    {
        b.AppendLine($"**{report.Changed.Count} van {report.Cases} beslissingen veranderen**; {report.Unchanged} blijven gelijk" +
            (report.Failed.Count > 0 ? $", {report.Failed.Count} konden niet worden beoordeeld." : "."));
        if (report.Transitions.Count == 0) return;
        b.AppendLine().AppendLine($"{heading} Overgangen per uitkomst").AppendLine();
        b.AppendLine("| Uitkomst | Was | Wordt | Casussen |").AppendLine("|---|---|---|---:|");
        foreach (var t in report.Transitions)
            b.AppendLine($"| {report.Names.Title(t.Outcome)} | {report.Names.Label(t.Outcome, t.Before)} | {report.Names.Label(t.Outcome, t.After)} | {t.Cases} |");
    }

    private static string Rules(ValueChange change) => (change.RuleBefore, change.RuleAfter) switch
    {
        (null, null) => "",
        var (a, z) when a == z => $" (regel `{a}`)",
        var (a, z) => $" (regel {(a is null ? "geen" : $"`{a}`")} → {(z is null ? "geen" : $"`{z}`")})",
    };

    /// <summary>How the diff changed a rule behind a changed decision, in Dutch, e.g. " (gewijzigd)".</summary>
    public static string Change(ChangeKind change) => change switch
    {
        ChangeKind.Added => " (nieuw)",
        ChangeKind.Removed => " (vervallen)",
        ChangeKind.Changed => " (gewijzigd)",
        _ => " (ongewijzigd)",
    };

    /// <summary>A criterion status code (met, not_met, undetermined) in Dutch.</summary>
    public static string Status(string status) => status switch
    {
        "met" => "voldaan",
        "not_met" => "niet voldaan",
        "undetermined" => "onbepaald",
        _ => status,
    };
}
