using System.Text.Json;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;

namespace EligibilityEngine.Verification;

/// <summary>An exact difference as the file keeps it, with the solver that computed it and when.</summary>
public sealed record PrecomputedExactDiff(string Solver, DateTimeOffset ComputedAt, ExactDifference Difference)
{
    /// <summary>Whether it was computed on exactly these two versions' rules (by content hash).</summary>
    public bool Of(RuleSetReference from, RuleSetReference to) =>
        Difference.From.ContentHash == from.ContentHash && Difference.To.ContentHash == to.ContentHash;
}

/// <summary>
/// The exact differences of the pairs of versions a legal team reviews (<see cref="Pairs"/>), computed by
/// `eligibility exact-diffs` where there is time for the solver and read by the host for the diff page and DiffRuleSets:
/// a request never runs the solver. A pair is shown only for the content it was computed on.
/// </summary>
public static class ExactDiffFile
{
    /// <summary>Each in-force version against the one before it, and each planned version against the last in force.</summary>
    public static IReadOnlyList<(CompiledRuleSet From, CompiledRuleSet To)> Pairs(RuleLibrary library)
    {
        var inForce = library.InForce.ToList();
        return inForce.Zip(inForce.Skip(1))
            .Concat(inForce.Count == 0 ? [] : library.Versions.Where(v => v.Version.Planned).Select(p => (inForce[^1], p)))
            .ToList();
    }

    /// <summary>The pairs of the file; none when it does not exist. A file that cannot be read is an error naming it.</summary>
    public static IReadOnlyList<PrecomputedExactDiff> Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<PrecomputedExactDiff>>(File.ReadAllText(path), VerificationStatusFile.Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a file of exact differences ({ex.Message})", ex);
        }
    }

    /// <summary>Writes these differences into the file, replacing the entries of the same pairs of versions and keeping the others.</summary>
    public static void Write(string path, IReadOnlyList<ExactDifference> run, string solver, DateTimeOffset now)
    {
        var kept = Read(path).Where(d => run.All(r => r.From.Version != d.Difference.From.Version || r.To.Version != d.Difference.To.Version));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var all = kept.Concat(run.Select(r => new PrecomputedExactDiff(solver, now, r)))
            .OrderBy(d => d.Difference.From.Version, StringComparer.Ordinal).ThenBy(d => d.Difference.To.Version, StringComparer.Ordinal).ToList();
        File.WriteAllText(path, JsonSerializer.Serialize(all, VerificationStatusFile.Options) + "\n");
    }
}
