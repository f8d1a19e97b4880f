using System.Globalization;
using System.Text;
using EligibilityEngine.Decisions;
using EligibilityEngine.Audit;
using EligibilityEngine.Text;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>Decision records as an auditor reads them, in Dutch.</summary>
public static class RecordText
{
    public static string Render(DecisionRecord r, string? facts)
    {
        var d = r.Decision;
        var b = new StringBuilder();
        b.AppendLine($"Beslissing {r.DecisionId}");
        b.AppendLine($"Ontvangen: {Time(r.ReceivedAt)}   Beslist: {Time(r.DecidedAt)}   Kanaal: {r.Channel}");
        b.AppendLine($"Aanvrager: {Caller(r.Caller)}");
        b.AppendLine($"Peildatum: {d.AsOf:yyyy-MM-dd}");
        b.AppendLine($"Regelset: {d.RuleSet.Id} {d.RuleSet.Version}{(d.RuleSet.Planned ? " (GEPLAND, nog niet in werking)" : "")}, sha256 {d.RuleSet.ContentHash}");
        b.AppendLine($"Rekenregels uitgevoerd met: {d.Engine}");
        b.AppendLine("Uitkomsten:");
        foreach (var o in d.Outcomes)
            b.AppendLine($"  {o.Id} = {o.Value} ({Status(o.Status)}){(o.RuleId is null ? "" : $" — {o.RuleId}, {o.Citation}")}");
        b.AppendLine("Criteria:");
        foreach (var c in d.Criteria) b.AppendLine($"  {CriterionText.Mark(c.Status)} {c.Id} — {c.RuleId}, {c.Citation}");
        if (d.Findings.Count > 0)
        {
            b.AppendLine("Bevindingen:");
            foreach (var f in d.Findings) b.AppendLine($"  {f.Id} — {f.RuleId}, {f.Citation}");
        }

        b.AppendLine(d.MissingFacts.Count == 0 ? "Ontbrekende feiten: geen" : "Ontbrekende feiten:");
        foreach (var m in d.MissingFacts) b.AppendLine($"  {m.Path} (bepaalt: {string.Join(", ", m.Affects)})");
        var op = r.Operation;
        b.AppendLine("Logboek Dataverwerkingen:");
        b.AppendLine($"  {op.Name}, status_code {op.Status}, trace_id {op.TraceId}, operation_id {op.SpanId}, parent_operation_id {op.ParentSpanId ?? "-"}");
        if (op.ForeignOperation is { } foreign)
            b.AppendLine($"  foreign_operation: trace_id {foreign.TraceId}, operation_id {foreign.OperationId}, entity {foreign.Entity ?? "(onbekend: de host draait open)"}");
        b.AppendLine($"  verwerkingsactiviteit {op.ProcessingActivityId ?? "-"}; betrokkene {(op.DataSubjectId is null ? "-" : $"{op.DataSubjectIdType} (pseudoniem {op.DataSubjectId})")}");
        b.AppendLine($"Invoer: sha256 {r.InputHash}");
        if (facts is not null) b.AppendLine("Feiten:").Append(facts);
        return b.ToString();
    }

    public static string Line(DecisionRecord r) =>
        $"{r.DecisionId}  {Time(r.DecidedAt)}  {r.Decision.RuleSet.Version} ({r.Decision.RuleSet.ContentHash[..12]})  {r.Decision.OutcomeSummary}";

    public static string Replay(DecisionRecord r, ReplayResult result)
    {
        var b = new StringBuilder();
        b.AppendLine($"Beslissing {r.DecisionId} opnieuw beoordeeld op {r.Decision.AsOf:yyyy-MM-dd} met {r.Decision.RuleSet.Id} {r.Decision.RuleSet.Version} " +
                     $"(sha256 {r.Decision.RuleSet.ContentHash[..12]}) en {r.Decision.Engine}.");
        b.AppendLine(result.InputMatches
            ? $"Invoer: dezelfde feiten als vastgelegd (sha256 {result.InputHash})."
            : $"Invoer: ANDERE feiten dan vastgelegd: vastgelegd sha256 {result.RecordedInputHash}, dit bestand sha256 {result.InputHash}.");
        if (result.Differences.Count == 0) b.AppendLine("Beslissing: gelijk aan de vastgelegde.");
        else
        {
            b.AppendLine($"Beslissing: {result.Differences.Count} verschil(len) met de vastgelegde:");
            foreach (var d in result.Differences) b.AppendLine($"  {d.Path}: vastgelegd {d.Recorded ?? "-"}, nu {d.Replayed ?? "-"}");
        }

        b.AppendLine(result.Identical ? "Uitkomst: identiek." : "Uitkomst: NIET identiek.");
        return b.ToString();
    }

    private static string Caller(RecordedCaller c)
    {
        var parts = new List<string>();
        if (c.Oin is not null) parts.Add($"OIN {c.Oin}");
        if (c.ClientId is not null) parts.Add($"client {c.ClientId}");
        if (c.UserId is not null) parts.Add($"gebruiker {c.UserId}{(c.UserRepresentation is null ? "" : $" ({c.UserRepresentation})")}");
        return parts.Count == 0 ? "onbekend (open installatie)" : string.Join(", ", parts);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Status(OutcomeStatus s) => s switch
    {
        OutcomeStatus.Decided => "besloten",
        OutcomeStatus.Undetermined => "onbepaald",
        _ => "geen regel van toepassing",
    };

    /// <summary>The result of <c>audit verify</c>: intact, or every problem by position, first the first.</summary>
    public static string Verification(ChainReport report)
    {
        var b = new StringBuilder();
        b.AppendLine($"Keten gecontroleerd van positie {report.From} t/m {report.To}: {report.Checked} vastlegging(en), " +
                     $"{report.CheckpointsChecked} controlepunt(en){(report.SignaturesChecked ? " met handtekening" : " zonder hun handtekening te controleren (geen --checkpoint-key-file)")}");
        if (report.BeforeChain > 0)
            b.AppendLine($"{report.BeforeChain} vastlegging(en) van vóór de keten (gemaakt voordat deze versie de keten bijhield) vallen er niet onder");
        if (report.Intact) b.AppendLine("Keten intact: geen vastlegging gewijzigd, verwijderd of tussengevoegd");
        else
        {
            b.AppendLine($"Keten NIET intact: {report.Problems.Count} probleem/problemen, het eerste bij positie {report.Problems[0].Position}");
            foreach (var p in report.Problems) b.AppendLine("  " + p.Text);
        }

        return b.ToString();
    }

    /// <summary>The result of <c>audit status</c>: the chain and, per Logboek, what it acknowledged and what waits.</summary>
    public static string Status(ChainExtent extent, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyList<ShippingState> shipping)
    {
        var b = new StringBuilder();
        b.AppendLine($"Keten: {extent.LastPosition} vastlegging(en){(extent.BeforeChain > 0 ? $", en {extent.BeforeChain} van vóór de keten" : "")}; " +
                     (checkpoints.Count == 0 ? "geen controlepunten" : $"laatste controlepunt bij positie {checkpoints[^1].Position} ({checkpoints[^1].SignedAt})"));
        if (shipping.Count == 0) b.AppendLine("Logboek: nog nooit naar een Logboek verzonden (Audit:Logboek:Endpoint)");
        foreach (var s in shipping)
        {
            b.AppendLine($"Logboek {s.Receiver}: bevestigd t/m positie {s.AcknowledgedPosition}{(s.AcknowledgedAt is { } at ? $" (laatst om {at})" : "")}; " +
                         $"achterstand {Math.Max(0, extent.LastPosition - s.AcknowledgedPosition)} vastlegging(en)");
            if (s.LastError is { } error) b.AppendLine($"  laatste poging {s.AttemptedAt} mislukt: {error}");
        }

        return b.ToString();
    }
}
