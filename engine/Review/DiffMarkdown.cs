using System.Text;

namespace EligibilityEngine.Review;

/// <summary>
/// Renders a <see cref="VersionDiff"/> as Markdown for a lawyer and a pull-request comment: a heading per rule, its
/// citation, and every changed field before → after in Dutch, the changed words marked (~~vervalt~~, **nieuw**).
/// </summary>
public static class DiffMarkdown
{
    /// <param name="impact">The impact of the change on a set of cases, summarised at the top when given.</param>
    public static string Render(VersionDiff diff, ImpactReport? impact = null)
    {
        var b = new StringBuilder();
        b.AppendLine($"# Wijzigingen {diff.From.Id}: {diff.From.Version} → {diff.To.Version}").AppendLine();
        b.AppendLine("| | Van | Naar |").AppendLine("|---|---|---|");
        b.AppendLine($"| Versie | {diff.From.Version}{(diff.From.Planned ? " (gepland)" : "")} | {diff.To.Version}{(diff.To.Planned ? " (gepland)" : "")} |");
        b.AppendLine($"| Titel | {Cell(diff.From.Title)} | {Cell(diff.To.Title)} |");
        b.AppendLine($"| In werking vanaf | {diff.FromEffective ?? "datum onbekend"} | {diff.ToEffective ?? "datum onbekend"} |");
        b.AppendLine($"| sha256 | `{diff.From.ContentHash[..12]}` | `{diff.To.ContentHash[..12]}` |").AppendLine();
        b.AppendLine($"> {diff.ToSummary}").AppendLine();
        if (impact is not null)
        {
            b.AppendLine($"## Gevolgen voor de casussen (peildatum: {impact.Dates})").AppendLine();
            ImpactMarkdown.Summary(b, impact, "###");
            b.AppendLine();
        }

        if (diff.IsEmpty)
        {
            b.AppendLine("**Geen inhoudelijke wijzigingen.** Regels, parameters, uitkomsten en bronnen zeggen in beide versies hetzelfde.");
            return b.ToString();
        }

        b.AppendLine($"**Samenvatting:** {Count("regels", diff.Rules)}; {Count("parameters", diff.Parameters)}; {Count("uitkomsten", diff.Outcomes)}; {Count("bronnen", diff.Sources)}.");
        b.AppendLine().AppendLine("Gewijzigde woorden: ~~doorgehaald~~ vervalt, **vet** komt erbij.");
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
                    b.AppendLine($"  - was: {Marked(field, WordChange.Removed)}");
                    b.AppendLine($"  - wordt: {Marked(field, WordChange.Added)}");
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
        text is null ? "*(niet aanwezig)*" : IsCode(field) ? $"`{text}`" : Escape(text);

    /// <summary>Fields whose text is the rule language rather than Dutch prose.</summary>
    public static bool IsCode(string field) => field is "when" or "then" or "rule order" or "values";

    /// <summary>
    /// One side of a changed field: its own words plus the ones only it has, marked (<paramref name="kind"/>: removed
    /// words struck through on the old side, added words in bold on the new side). Code stays code, a span per run.
    /// </summary>
    private static string Marked(FieldChange field, WordChange kind)
    {
        if (field.Words is not { } words) return Text(field.Field, kind == WordChange.Removed ? field.Before : field.After);
        var b = new StringBuilder();
        foreach (var segment in words.Where(w => w.Kind == WordChange.Same || w.Kind == kind))
        {
            var text = IsCode(field.Field) ? $"`{segment.Marked}`" : Escape(segment.Marked);
            b.Append(segment.Kind == WordChange.Same ? text : kind == WordChange.Removed ? $"~~{text}~~" : $"**{text}**").Append(segment.Trailing);
        }

        return b.ToString().TrimEnd();
    }

    /// <summary>Prose with the characters that Markdown would read as marks escaped; an underscore inside a word
    /// (<c>advies_omgezet</c>) is no mark and stays as written.</summary>
    private static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var inWord = c == '_' && i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
            if (c is '\\' or '`' or '*' or '~' or '<' or '[' or ']' || (c == '_' && !inWord)) b.Append('\\');
            b.Append(c);
        }

        return b.ToString();
    }

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
