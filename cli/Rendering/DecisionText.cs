using System.Text;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.Text;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>Renders a decision as plain Dutch text for a labour expert: outcomes, criteria with ✓/✗/?, sources, trace.</summary>
public static class DecisionText
{
    /// <param name="words">The words of the version that decided: the trace names conclusions by their titles and labels.</param>
    public static string Render(Decision d, bool fullTrace, ConditionDutch words)
    {
        var b = new StringBuilder();
        // Not a besluit: UWV gives the advice, the college makes the besluit (the determination). This is what the rules say.
        b.AppendLine($"Beoordeling beschut werk naar de regels — peildatum {DutchFormat.Date(d.AsOf)}");
        b.AppendLine($"Regelset: {d.RuleSet.Id} versie {d.RuleSet.Version}{(d.RuleSet.Planned ? " (GEPLAND — geen geldend recht)" : "")}");
        b.AppendLine($"  {d.RuleSet.Title}");
        b.AppendLine($"  sha256 {d.RuleSet.ContentHash}");
        b.AppendLine($"Rekenregels uitgevoerd met: {d.Engine}");
        foreach (var notice in d.Notices) b.AppendLine().AppendLine("! " + notice);

        b.AppendLine().AppendLine("Uitkomsten");
        foreach (var o in d.Outcomes)
        {
            var values = o.Values.Count == 0 ? "" : " (" + string.Join(", ", o.Values.Select(v => $"{v.Key}: {v.Value}")) + ")";
            b.AppendLine($"  {o.Title}: {o.ValueLabel}{values}");
            b.AppendLine($"    {o.Explanation}");
            if (o.Citation is not null) b.AppendLine($"    Bron: {Cite(o.Citation)} [regel {o.RuleId}]");
            if (o.MissingFacts.Count > 0) b.AppendLine($"    Ontbreekt: {string.Join(", ", o.MissingFacts)}");
        }

        b.AppendLine().AppendLine("Criteria");
        foreach (var c in d.Criteria)
        {
            b.AppendLine($"  {CriterionText.Mark(c.Status)} {c.Title} — {CriterionText.Word(c.Status)}");
            b.AppendLine($"    {c.Explanation}");
            b.AppendLine($"    Bron: {Cite(c.Citation)} [regel {c.RuleId}]");
            if (c.MissingFacts.Count > 0) b.AppendLine($"    Ontbreekt: {string.Join(", ", c.MissingFacts)}");
        }

        if (d.Findings.Count > 0)
        {
            b.AppendLine().AppendLine("Bevindingen");
            foreach (var f in d.Findings)
            {
                b.AppendLine($"  • {f.Explanation}");
                b.AppendLine($"    Bron: {Cite(f.Citation)} [regel {f.RuleId}]");
            }
        }

        if (d.Timeline.Count > 0)
        {
            b.AppendLine().AppendLine("Levensloop (elke gebeurtenis beoordeeld naar de regels die toen golden)");
            foreach (var step in d.Timeline)
                b.AppendLine($"  {DutchFormat.Date(step.Date)} ({string.Join(", ", step.Events)}): {step.ValueLabel} — versie {step.Version}{(step.Planned ? " (GEPLAND)" : "")}");
        }

        // Facts an outcome waits for come first; the others would settle a criterion but change no outcome.
        MissingFacts(b, "Ontbrekende gegevens", d.MissingFacts.Where(m => m.AffectsAnOutcome));
        MissingFacts(b, "Ontbrekende gegevens waarvan geen uitkomst afhangt (ze laten alleen een criterium open)", d.MissingFacts.Where(m => !m.AffectsAnOutcome));

        if (d.Trace is { } trace)
        {
            b.AppendLine().AppendLine((fullTrace ? "Alle regels" : "Toegepaste regels") + $" in de volgorde waarin {d.Engine} ze uitvoerde" +
                                      (fullTrace ? "" : " (--full-trace toont alle)"));
            foreach (var r in trace.Where(r => fullTrace || r.Fired))
            {
                var reads = r.Reads.Count == 0 ? "" : " — gelezen: " + string.Join("; ", r.Reads.Select(x => $"{FactModel.LabelOf(x.Path)} ({x.Path}) = {x.Value}"));
                b.AppendLine($"  {r.Order,3}. [laag {r.Stratum}] {r.RuleId} → {words.Conclusion(r.Conclusion)}: {DutchTerms.Word(r.Result)}{reads}");
            }
        }

        return b.ToString();
    }

    private static void MissingFacts(StringBuilder b, string heading, IEnumerable<MissingFact> facts)
    {
        var list = facts.ToList();
        if (list.Count == 0) return;
        b.AppendLine().AppendLine(heading);
        foreach (var m in list) b.AppendLine($"  - {m.Label} ({m.Path}) — nodig voor: {string.Join("; ", m.Affects.Select(a => a.Text))}");
    }

    private static string Cite(Citation c) => c.Url is null ? c.Text : $"{c.Text} — {c.Url}";
}
