using EligibilityEngine.Testing;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The diff page and DiffRuleSets show the committed exact differences only for the rules they were computed on:
/// a rule change without a new run would show none for its pairs.</summary>
public sealed class ExactDiffFileTests
{
    [Fact]
    public void The_committed_file_holds_every_pair_of_consecutive_versions_with_their_current_content_hashes()
    {
        var file = ExactDiffFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "exact-diffs.json"));

        var stale = ExactDiffFile.Pairs(RealRules.Library)
            .Where(p => !file.Any(d => d.Of(p.From.Reference, p.To.Reference)))
            .Select(p => $"{p.From.Version.Version} → {p.To.Version.Version}")
            .ToList();

        stale.ShouldBeEmpty("regenerate with: eligibility exact-diffs --cases samples/cases");
    }

    // The committed differences are proofs about every case within their bound; generated cases of another seed than
    // the candidates' (27) check that claim with the engine alone: each one that changes lies in a region of each part
    // that changed.
    [Fact]
    public void Every_generated_case_that_changes_between_consecutive_versions_lies_in_a_committed_region()
    {
        var file = ExactDiffFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "exact-diffs.json"));
        var cases = CaseGenerator.Cases(RealRules.Library, 4000, seed: 2026_12_04);
        var changed = 0;

        var outside = ExactDiffFile.Pairs(RealRules.Library).SelectMany(pair =>
        {
            var exact = file.Single(d => d.Of(pair.From.Reference, pair.To.Reference)).Difference;
            exact.Status.ShouldBe(ExactDiffStatus.Proven);
            return cases
                .Where(c => c.AsOf >= exact.AsOfFrom && c.Case.Events.Count <= exact.Events && (c.Case.Municipality.Employees?.Count ?? 0) <= 2)
                .Select(c => (c, Before: CompiledEngine.Instance.Evaluate(pair.From, c.Case, c.AsOf, EvaluationOptions.Minimal),
                    After: CompiledEngine.Instance.Evaluate(pair.To, c.Case, c.AsOf, EvaluationOptions.Minimal)))
                .Where(j => ExactDifference.ChangedParts(j.Before, j.After).Any() && Interlocked.Increment(ref changed) > 0 && !exact.Covers(j.Before, j.After))
                .Select(j => $"{pair.From.Version.Version} → {pair.To.Version.Version}:\n{CaseYamlWriter.Write(j.c.Case, j.c.AsOf)}");
        }).ToList();

        outside.ShouldBeEmpty();
        changed.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Writing_a_pair_replaces_its_entry_and_keeps_the_others()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ee-exact-{Guid.NewGuid():N}.json");
        try
        {
            var pairs = ExactDiffFile.Pairs(RealRules.Library);
            ExactDifference Empty((EligibilityEngine.Compilation.CompiledRuleSet From, EligibilityEngine.Compilation.CompiledRuleSet To) p, ExactDiffStatus status) =>
                new(p.From.Reference, p.To.Reference, p.From.Version.EffectiveFrom!.Value, 6, [], [], status, 1, TimeSpan.FromSeconds(1), new Dictionary<string, string>(), null);
            ExactDiffFile.Write(path, [Empty(pairs[0], ExactDiffStatus.Unknown), Empty(pairs[1], ExactDiffStatus.Proven)], "z3", DateTimeOffset.UnixEpoch);

            ExactDiffFile.Write(path, [Empty(pairs[0], ExactDiffStatus.Proven)], "z3", DateTimeOffset.UnixEpoch);

            var read = ExactDiffFile.Read(path);
            read.Count.ShouldBe(2);
            read.Single(d => d.Of(pairs[0].From.Reference, pairs[0].To.Reference)).Difference.Status.ShouldBe(ExactDiffStatus.Proven);
            read.Single(d => d.Of(pairs[1].From.Reference, pairs[1].To.Reference)).Difference.Status.ShouldBe(ExactDiffStatus.Proven);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
