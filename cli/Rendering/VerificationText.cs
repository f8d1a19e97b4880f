using System.Globalization;
using System.Text;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>The report of `eligibility verify`, for a lawyer: per version each property's statement, source, status and
/// time, and a counterexample as the case it is, with the decision that breaks the property.</summary>
public static class VerificationText
{
    public static string Render(VersionVerification v, IReadOnlyDictionary<PropertyResult, string> written)
    {
        var b = new StringBuilder();
        var version = v.Set.Version;
        b.AppendLine($"Versie {version.Version}{(version.Planned ? " (GEPLAND)" : "")}: {version.Title}");
        b.AppendLine($"  peildatum {v.From:yyyy-MM-dd} t/m {v.Until:yyyy-MM-dd}; bewezen voor geschiedenissen van ten hoogste {v.Events} gebeurtenissen");
        foreach (var (rule, reason) in v.NotVerified) b.AppendLine($"  niet geverifieerd: regel {rule} — {reason}");
        foreach (var r in v.Results)
        {
            b.AppendLine($"  {Mark(r)} {Status(r),-11} {r.Id} ({Seconds(r.Time)})");
            b.AppendLine($"      {r.Statement}");
            if (r.Url is not null || r.Id.StartsWith("ingebouwd.", StringComparison.Ordinal) is false)
                b.AppendLine($"      Bron: {r.Citation}{(r.Url is null ? "" : " — " + r.Url)}");
            if (r.Detail is not null) b.AppendLine($"      {r.Detail}");
            if (r.ExpectedViolation is not null)
                b.AppendLine(r.Status == PropertyStatus.Proven
                    ? $"      Verwacht was dat deze eigenschap geschonden is (bekend gebrek van de wet: {r.ExpectedViolation}), maar zij is bewezen: de verwachting klopt niet meer voor deze versie."
                    : $"      Bekend gebrek van de wet: {r.ExpectedViolation}");
            if (r.Status == PropertyStatus.NotReproduced)
                b.AppendLine("      FOUT IN DE CODERING: de motoren bevestigen dit tegenvoorbeeld niet.");
            foreach (var c in r.Counterexample ?? [])
            {
                b.AppendLine($"      Tegenvoorbeeld, {c.Label}{(written.TryGetValue(r, out var file) ? $" ({file})" : "")}:");
                foreach (var line in c.CaseFile.TrimEnd().Split('\n')) b.AppendLine("        " + line);
                b.AppendLine("      Beslissing:");
                foreach (var line in c.Decision.Where(d => !d.StartsWith("criterion", StringComparison.Ordinal))) b.AppendLine("        " + Readable(v, line));
            }
        }

        var expected = Expected(v.Results);
        b.AppendLine($"  {Count(v, PropertyStatus.Proven)} bewezen, {Count(v, PropertyStatus.Violated) - expected} geschonden" +
                     (expected > 0 ? $", {expected} geschonden zoals verwacht" : "") + $", {Count(v, PropertyStatus.Unknown)} onbekend (de vragen samen {Seconds(v.Time)})");
        return b.ToString();
    }

    /// <summary>The last line: how many properties were violated, over how many versions, and the wall time of the run (in
    /// which the versions' questions were asked side by side).</summary>
    public static string Summary(IReadOnlyList<VersionVerification> results, TimeSpan elapsed)
    {
        var all = results.SelectMany(r => r.Results).ToList();
        var violated = all.Count(p => p.Status == PropertyStatus.Violated && p.ExpectedViolation is null);
        var notReproduced = all.Count(p => p.Status == PropertyStatus.NotReproduced);
        var expected = Expected(all);
        var parts = new List<string>();
        if (violated > 0) parts.Add($"{violated} eigenschap(pen) geschonden");
        if (notReproduced > 0) parts.Add($"FOUT IN DE CODERING: {notReproduced} tegenvoorbeeld(en) niet bevestigd door de motoren");
        if (parts.Count == 0) parts.Add(expected > 0 ? "Geen enkele eigenschap onverwacht geschonden" : "Geen enkele eigenschap geschonden");
        if (expected > 0) parts.Add($"{expected} keer geschonden zoals verwacht (een bekend gebrek van de wet)");
        return string.Join("; ", parts) + $" ({results.Count} versie(s) in {Seconds(elapsed)}).";
    }

    /// <summary>The violations recorded beforehand as a known defect of the law itself (expected: violated).</summary>
    private static int Expected(IEnumerable<PropertyResult> results) =>
        results.Count(r => r.Status == PropertyStatus.Violated && r.ExpectedViolation is not null);

    /// <summary>"outcome advies = negatief" as a lawyer reads it: "Advies beschut werk: negatief (advies = negatief)".</summary>
    private static string Readable(VersionVerification v, string line)
    {
        var parts = line.Split(' ', 4);
        if (parts is not ["outcome", var id, "=", var value] || v.Set.Outcomes.FirstOrDefault(o => o.Definition.Id == id).Definition is not { } definition)
            return line;
        return $"{definition.Title}: {(value == "geen" ? "geen regel van toepassing" : definition.Label(value))} ({id} = {value})";
    }

    private static int Count(VersionVerification v, PropertyStatus status) => v.Results.Count(r => r.Status == status);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " s";

    private static string Mark(PropertyResult r) => r.Status switch
    {
        PropertyStatus.Proven => "✓",
        PropertyStatus.Violated when r.ExpectedViolation is not null => "!",
        PropertyStatus.Unknown => "?",
        _ => "✗",
    };

    private static string Status(PropertyResult r) => r.Status switch
    {
        PropertyStatus.Proven => "bewezen",
        PropertyStatus.Violated => r.ExpectedViolation is null ? "GESCHONDEN" : "geschonden (verwacht)",
        PropertyStatus.Unknown => "onbekend",
        _ => "FOUT",
    };
}
