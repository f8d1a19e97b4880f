using System.Text;
using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Text;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>Renders the complete rule set in force (eligibility show) and the list of versions.</summary>
public static class RuleSetText
{
    public static string Versions(RuleLibrary library)
    {
        var b = new StringBuilder();
        foreach (var v in library.Versions)
        {
            var version = v.Version;
            var from = version.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "datum onbekend";
            var until = version.EffectiveUntil is { } u ? $" t/m {u:yyyy-MM-dd}" : "";
            b.AppendLine($"{version.Version}  {(version.Planned ? "GEPLAND" : "in werking")}  vanaf {from}{until}  sha256 {v.Reference.ContentHash[..12]}");
            b.AppendLine($"  {version.Title}");
            b.AppendLine($"  {RuleText.Normalise(version.Summary)}");
            if (version.Extends is not null)
                b.AppendLine($"  wijzigt {version.Extends}: {version.Changes.Added.Count} toegevoegd, {version.Changes.Replaced.Count} vervangen, {version.Changes.Removed.Count} verwijderd");
            b.AppendLine();
        }

        return b.ToString();
    }

    public static string Show(CompiledRuleSet set)
    {
        var v = set.Version;
        var b = new StringBuilder();
        b.AppendLine($"# {v.RuleSetId} {v.Version}{(v.Planned ? " (GEPLAND)" : "")}: {v.Title}");
        b.AppendLine($"Vanaf: {v.EffectiveFrom?.ToString("yyyy-MM-dd") ?? "onbekend"}{(v.EffectiveUntil is { } u ? $" tot en met {u:yyyy-MM-dd}" : "")}");
        b.AppendLine($"sha256: {set.Reference.ContentHash}");
        b.AppendLine($"Wijziging: {RuleText.Normalise(v.Summary)}");
        b.AppendLine().AppendLine("## Bronnen");
        foreach (var s in v.Sources) b.AppendLine($"- {s.Id}: {s.Citation}{(s.Url is null ? "" : " — " + s.Url)}{(s.WordingSince is { } w ? $" (tekst sinds {w:yyyy-MM-dd})" : "")}");
        b.AppendLine().AppendLine("## Parameters");
        foreach (var p in v.Parameters)
        {
            b.AppendLine($"- {p.Name} ({p.Type.ToString().ToLowerInvariant()}, bron {p.SourceId}): {Shorten(ParameterText.Value(p))}");
            if (p.Description is not null) b.AppendLine($"  {RuleText.Normalise(p.Description)}");
        }

        b.AppendLine().AppendLine("## Uitkomsten");
        foreach (var o in v.Outcomes) b.AppendLine($"- {o.Id}: {o.Title} — {string.Join(" | ", o.Values)} (onbepaald: {o.UndeterminedValue})");
        b.AppendLine().AppendLine("## Regels (in volgorde van uitvoering)");
        foreach (var r in set.Rules)
        {
            b.AppendLine($"### {r.Definition.Id} [laag {r.Stratum}] → {DutchTerms.Conclusion(r.Conclusion)}");
            b.AppendLine($"  bron: {r.Citation.Text} ({r.Citation.SourceId})");
            b.AppendLine($"  als: {r.ConditionText}");
            foreach (var (key, template) in r.Explanations) b.AppendLine($"  uitleg{(key == "fired" ? "" : " " + key)}: {template.Text}");
        }

        return b.ToString();
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Count(c => c == ';')} rijen)";
}
