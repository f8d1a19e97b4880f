namespace EligibilityEngine.Audit;

/// <summary>One thing found wrong in the log, at a position of the chain; Dutch, as an auditor reads it.</summary>
public sealed record ChainProblem(long Position, string Text);

/// <summary>What a check of the chain found: the positions checked, every problem (the first is where the log stopped
/// being trustworthy), the checkpoints compared and whether their signatures could be checked, and the records made
/// before the chain began (not covered).</summary>
public sealed record ChainReport(long From, long To, long Checked, IReadOnlyList<ChainProblem> Problems, int CheckpointsChecked, bool SignaturesChecked, long BeforeChain)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>
/// Checks the hash chain of a store between two positions (<c>eligibility audit verify</c>): every position present
/// (a missing one is a deleted record), every record's previous hash the chain hash of the one before (a broken link),
/// every record's content giving its own chain hash and its searchable columns (an altered record), and every signed
/// checkpoint matching the chain at its position (a chain rewritten after a change, or records removed from the end).
/// </summary>
public static class ChainVerification
{
    private const int Page = 1000;

    public static async Task<ChainReport> VerifyAsync(SqlDecisionStore store, long? from, long? to, CheckpointSigner? signer, CancellationToken cancellation = default)
    {
        var extent = await store.ChainExtentAsync(cancellation);
        var checkpoints = await store.CheckpointsAsync(cancellation);
        var first = Math.Max(1, from ?? 1);
        var last = to ?? Math.Max(extent.LastPosition, checkpoints.Count > 0 ? checkpoints[^1].Position : 0);
        var problems = new List<ChainProblem>();
        var atCheckpoints = checkpoints.Where(c => c.Position >= first && c.Position <= last).ToDictionary(c => c.Position);
        var chainAt = new Dictionary<long, string>();

        var expected = first;
        var previous = first == 1 ? RecordChain.Start : (await store.ReadChainRowsAsync(first - 2, first - 1, 1, cancellation)).FirstOrDefault()?.ChainHash;
        long checkedRows = 0;
        while (expected <= last)
        {
            var rows = await store.ReadChainRowsAsync(expected - 1, last, Page, cancellation);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                if (row.Position != expected)
                    problems.Add(new ChainProblem(expected, row.Position - expected == 1
                        ? $"positie {expected} ontbreekt: die vastlegging is verwijderd"
                        : $"posities {expected} t/m {row.Position - 1} ontbreken: die vastleggingen zijn verwijderd"));
                else if (previous is not null && row.PreviousHash != previous)
                    problems.Add(new ChainProblem(row.Position, $"schakel gebroken bij positie {row.Position}: de vorige hash is niet die van positie {row.Position - 1}"));
                if (Altered(row) is { } how)
                    problems.Add(new ChainProblem(row.Position, $"positie {row.Position} (beslissing {row.DecisionIdColumn}) is gewijzigd: {how}"));
                if (atCheckpoints.ContainsKey(row.Position)) chainAt[row.Position] = row.ChainHash;
                previous = row.ChainHash;
                expected = row.Position + 1;
                checkedRows++;
            }
        }

        if (expected <= extent.LastPosition && expected <= last)
            problems.Add(new ChainProblem(expected, $"posities {expected} t/m {last} ontbreken: die vastleggingen zijn verwijderd"));
        foreach (var checkpoint in atCheckpoints.Values)
        {
            if (signer is not null && !signer.Valid(checkpoint))
                problems.Add(new ChainProblem(checkpoint.Position, $"controlepunt bij positie {checkpoint.Position} heeft geen geldige handtekening: het is vervalst of gewijzigd"));
            else if (!chainAt.TryGetValue(checkpoint.Position, out var hash))
                problems.Add(new ChainProblem(checkpoint.Position, $"controlepunt bij positie {checkpoint.Position} ({checkpoint.SignedAt}) wijst een vastlegging aan die er niet meer is: vastleggingen tot daar zijn verwijderd"));
            else if (hash != checkpoint.ChainHash)
                problems.Add(new ChainProblem(checkpoint.Position, $"controlepunt bij positie {checkpoint.Position} ({checkpoint.SignedAt}) ondertekende een andere keten: de keten is na een wijziging opnieuw berekend"));
        }

        var ordered = problems.OrderBy(p => p.Position).ToList();
        return new ChainReport(first, last, checkedRows, ordered, atCheckpoints.Count, signer is not null, extent.BeforeChain);
    }

    /// <summary>Why a row's content does not match its chain hash, or null when it does.</summary>
    private static string? Altered(StoredRow row)
    {
        DecisionRecord record;
        try
        {
            record = RecordJson.Deserialize(row.Json, row.Facts);
        }
        catch (System.Text.Json.JsonException)
        {
            return "de inhoud is geen leesbare vastlegging meer";
        }

        if (RecordChain.Link(row.PreviousHash, row.Position, RecordChain.ContentHash(record)) != row.ChainHash)
            return "de inhoud geeft niet de hash waarmee de vastlegging in de keten staat";
        string?[] derived = [record.Decision.RuleSet.ContentHash, record.Decision.OutcomeSummary, record.Operation.DataSubjectId, SqlDecisionStore.CallerKey(record.Caller)];
        if (!Guid.TryParse(row.DecisionIdColumn, out var id) || id != record.DecisionId || !derived.SequenceEqual(row.SearchColumns))
            return "de zoekkolommen (id, regelset, uitkomsten, betrokkene, aanvrager) kloppen niet met de vastlegging";
        return null;
    }
}
