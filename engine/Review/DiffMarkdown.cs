using System.Text;

namespace EligibilityEngine.Review;

/// <summary>
/// Renders a <see cref="VersionDiff"/> as Markdown for a lawyer and a pull-request comment: a heading per rule, its
/// citation, and every changed field before → after in Dutch.
/// </summary>
public static class DiffMarkdown
{
    public static string Render(VersionDiff diff)
    {
        var b = new StringBuilder();
        b.AppendLine($"# Wijzigingen {diff.From.Id}: {diff.From.Version} → {diff.To.Version}").AppendLine();
        b.AppendLine("| | Van | Naar |").AppendLine("|---|---|---|");
        b.AppendLine($"| Versie | {diff.From.Version}{(diff.From.Planned ? " (gepland)" : "")} | {diff.To.Version}{(diff.To.Planned ? " (gepland)" : "")} |");
        b.AppendLine($"| Titel | {Cell(diff.From.Title)} | {Cell(diff.To.Title)} |");
        b.AppendLine($"| In werking vanaf | {diff.FromEffective ?? "datum onbekend"} | {diff.ToEffective ?? "datum onbekend"} |");
        b.AppendLine($"| sha256 | `{diff.From.ContentHash[..12]}` | `{diff.To.ContentHash[..12]}` |").AppendLine();
        b.AppendLine($"> {diff.ToSummary}").AppendLine();

        if (diff.IsEmpty)
        {
            b.AppendLine("**Geen inhoudelijke wijzigingen.** Regels, parameters, uitkomsten en bronnen zeggen in beide versies hetzelfde.");
            return b.ToString();
        }

        b.AppendLine($"**Samenvatting:** {Count("regels", diff.Rules)}; {Count("parameters", diff.Parameters)}; {Count("uitkomsten", diff.Outcomes)}; {Count("bronnen", diff.Sources)}.");
        Section(b, "Regels", diff.Rules);
        Section(b, "Parameters", diff.Parameters);
        Section(b, "Uitkomsten", diff.Outcomes);
        Section(b, "Bronnen", diff.Sources);
        return b.ToString();
    }

    private static string Count(string what, IReadOnlyList<ItemChange> items) =>
        items.Count == 0
            ? $"{what}: geen wijzigingen"
            : $"{what}: {items.Count(i => i.Kind == ChangeKind.Added)} toegevoegd, {items.Count(i => i.Kind == ChangeKind.Changed)} gewijzigd, {items.Count(i => i.Kind == ChangeKind.Removed)} verwijderd";

    private static void Section(StringBuilder b, string heading, IReadOnlyList<ItemChange> items)
    {
        if (items.Count == 0) return;
        b.AppendLine().AppendLine($"## {heading}");
        foreach (var item in items)
        {
            b.AppendLine().AppendLine($"### {Kind(item.Kind)}: `{item.Id}`{(item.Title is null ? "" : " — " + item.Title)}");
            if (item.Citation is not null) b.AppendLine().AppendLine($"*{item.Citation}*");
            b.AppendLine();
            // An added or removed item's source is the citation line above; a changed one shows it before → after.
            foreach (var field in item.Fields.Where(f => item.Kind == ChangeKind.Changed || f.Field != "source"))
            {
                if (item.Kind != ChangeKind.Changed)
                    b.AppendLine($"- **{Label(field.Field)}:** {Text(field.Field, field.After ?? field.Before)}");
                else
                {
                    b.AppendLine($"- **{Label(field.Field)}**");
                    b.AppendLine($"  - was: {Text(field.Field, field.Before)}");
                    b.AppendLine($"  - wordt: {Text(field.Field, field.After)}");
                }
            }
        }
    }

    /// <summary>How a change is named in Dutch: toegevoegd, verwijderd, gewijzigd.</summary>
    public static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "Toegevoegd",
        ChangeKind.Removed => "Verwijderd",
        _ => "Gewijzigd",
    };

    /// <summary>Conditions and conclusions are code, shown as such; texts read as texts; absent means absent.</summary>
    private static string Text(string field, string? text) =>
        text is null ? "*(niet aanwezig)*" : field is "when" or "then" or "rule order" or "values" ? $"`{text}`" : text;

    /// <summary>A changed field's key (when, explain.met, row GM0014|2018) as a lawyer reads it.</summary>
    public static string Label(string field) => field switch
    {
        "title" => "Titel",
        "source" => "Bron",
        "when" => "Voorwaarde",
        "then" => "Conclusie",
        "explain.met" => "Uitleg bij voldaan",
        "explain.not_met" => "Uitleg bij niet voldaan",
        "explain.undetermined" => "Uitleg bij onvoldoende gegevens",
        "explain.fired" => "Uitleg",
        "type" => "Soort",
        "description" => "Omschrijving",
        "value" => "Waarde",
        "values" => "Mogelijke waarden",
        "undetermined" => "Waarde bij onvoldoende gegevens",
        "timeline" => "Levensloop",
        "rule order" => "Volgorde van de regels (de eerste die geldt beslist)",
        "citation" => "Citeertitel",
        "url" => "Vindplaats",
        "wording_since" => "Tekst geldend sinds",
        _ when field.StartsWith("row ", StringComparison.Ordinal) => "Rij " + field[4..].Replace("|", " / ", StringComparison.Ordinal),
        _ when field.StartsWith("label ", StringComparison.Ordinal) => $"Omschrijving van `{field[6..]}`",
        _ => field,
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
