using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using System.Globalization;
using System.Text;

namespace EligibilityEngine.Verification;

/// <summary>
/// The exact difference for a lawyer, in Dutch: what was proven and for which cases, then per region the part of the
/// decision, how each version decides it (the rule, its title and article, its condition where it changed) and the
/// witness case. The CLI prints it; the web page shows the same sentences (<see cref="Status"/>, <see cref="Side"/>).
/// </summary>
public static class ExactDiffMarkdown
{
    /// <param name="witnessFiles">Where each region's witness was written, by region number; else the case is shown.</param>
    public static string Render(ExactDifference d, IReadOnlyDictionary<int, string>? witnessFiles = null)
    {
        var b = new StringBuilder();
        b.AppendLine().AppendLine($"## Exact verschil {d.From.Version} → {d.To.Version}").AppendLine();
        b.AppendLine(Status(d)).AppendLine();
        foreach (var (rule, reason) in d.NotVerified) b.AppendLine($"- niet geverifieerd: regel {rule} — {reason}");
        foreach (var outcome in d.OneSidedOutcomes)
            b.AppendLine($"- Uitkomst `{outcome}` bestaat maar in één van beide versies: zij verschilt voor elke casus.");
        // An overview first: per part of the decision, from which value to which the cases go (region numbers between
        // brackets), so that many regions can be taken in before they are read one by one.
        if (d.Regions.Count > 1)
        {
            b.AppendLine("Per deel van de beslissing (de nummers van de gebieden tussen haakjes):").AppendLine();
            foreach (var part in d.Regions.GroupBy(r => (r.Kind, r.Id, r.Title)))
                b.AppendLine($"- {(part.Key.Kind == DecisionPartKind.Outcome ? "uitkomst" : "criterium")} **{part.Key.Title}**, " +
                             $"{part.Count()} {(part.Count() == 1 ? "gebied" : "gebieden")}: " +
                             string.Join("; ", part.GroupBy(r => r.Before.Label).Select(from =>
                                 $"van *{from.Key}* naar {string.Join(", ", from.Select(r => $"*{r.After.Label}* ({r.Number})"))}")));
        }

        foreach (var r in d.Regions)
        {
            b.AppendLine().AppendLine($"### {Heading(r)}").AppendLine();
            b.AppendLine($"- onder {d.From.Version}: {Side(r.Before)}");
            b.AppendLine($"- onder {d.To.Version}: {Side(r.After)}");
            foreach (var (version, side) in new[] { (d.From.Version, r.Before), (d.To.Version, r.After) })
                if (side is { RuleChanged: true, Condition: { } condition })
                    b.AppendLine($"- voorwaarde van `{side.RuleId}` in {version} (anders dan in de andere versie): `{Flat(condition)}`");
            if (witnessFiles?.TryGetValue(r.Number, out var file) == true) b.AppendLine($"- getuige: `{file}`");
            else b.AppendLine("- getuige:").AppendLine().AppendLine("```yaml").Append(r.Witness).AppendLine("```");
        }

        return b.ToString();
    }

    /// <summary>"Gebied 2 — uitkomst Advies beschut werk: positief → onvoldoende gegevens".</summary>
    public static string Heading(DiffRegion r) =>
        $"Gebied {r.Number} — {(r.Kind == DecisionPartKind.Outcome ? "uitkomst" : "criterium")} {r.Title}: {r.Before.Label} → {r.After.Label}";

    /// <summary>What was proven, for which cases, and how long it took.</summary>
    /// <param name="strong">The mark around the words that matter: Markdown's bold, or none for a page that marks them itself.</param>
    public static string Status(ExactDifference d, string strong = "**")
    {
        var (bewezen, nietBewezen) = ($"{strong}bewezen{strong}", $"{strong}niet bewezen{strong}");
        var scope = $"Alle casussen met een peildatum vanaf {d.AsOfFrom:yyyy-MM-dd} en ten hoogste {d.Events} {(d.Events == 1 ? "gebeurtenis" : "gebeurtenissen")}, " +
                    "elk beoordeeld onder beide versies (uitkomsten en criteria; vaststellingen en teksten zijn niet vergeleken)";
        var time = $"({d.Questions} {(d.Questions == 1 ? "vraag" : "vragen")} aan de oplosser, {d.RegionsWithoutSolver} {(d.RegionsWithoutSolver == 1 ? "gebied" : "gebieden")} " +
                   $"zonder oplosser gevonden met een bekende, gegenereerde of naburige casus, {d.Time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',')} s)";
        var regions = d.Regions.Count == 1 ? "dit ene gebied" : $"deze {d.Regions.Count} gebieden";
        return d.Status switch
        {
            ExactDiffStatus.Proven when d.Regions.Count == 0 => $"{scope}: {bewezen} dat geen enkele casus een andere beslissing krijgt {time}.",
            ExactDiffStatus.Proven => $"{scope}: {bewezen} dat precies de casussen in {regions} een andere beslissing krijgen, en geen andere {time}.",
            ExactDiffStatus.Unknown => $"{scope}: de casussen in {regions} krijgen een andere beslissing; {nietBewezen} dat er geen andere zijn: " +
                                       $"de oplosser had niet genoeg tijd (--timeout) {time}.",
            ExactDiffStatus.TooManyRegions => $"{scope}: de casussen in {regions} krijgen een andere beslissing; het zoeken met de oplosser is gestopt bij dit aantal, " +
                                              $"dus {nietBewezen} dat er geen andere zijn {time}.",
            _ => $"{strong}FOUT IN DE CODERING{strong}: {d.Detail}. Dit verschil is niet betrouwbaar {time}.",
        };
    }

    /// <summary>The status in one word or two: bewezen, onbekend, …</summary>
    public static string Word(ExactDiffStatus status) => status switch
    {
        ExactDiffStatus.Proven => "bewezen",
        ExactDiffStatus.Unknown => "onbekend",
        ExactDiffStatus.TooManyRegions => "onvolledig (te veel gebieden)",
        _ => "FOUT IN DE CODERING",
    };

    /// <summary>How one version decides the part: the value, and the rule that gives it to the witness, with its title and article.</summary>
    public static string Side(RegionSide side) => side.RuleId is null
        ? side.Value == "geen"
            ? "**geen regel van toepassing** (geen enkele regel voor deze uitkomst is waar of onbepaald)"
            : $"**{side.Label}** (geen regel beslist: een regel eerder in de volgorde, of elke regel die waar kan zijn, is onbepaald)"
        : $"**{side.Label}**, bij de getuige door regel `{side.RuleId}`{(side.RuleTitle is { } title ? " — " + title : "")} ({side.Citation?.Text}{(side.Citation?.Url is { } url ? ", " + url : "")})";

    private static string Flat(string condition) => string.Join(' ', condition.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
