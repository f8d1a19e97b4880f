using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Review;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Testing;
using EligibilityEngine.Verification;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Verification;

/// <summary>
/// The exact difference against the corpus impact: every generated case whose decision changes between two versions lies
/// in a region the solver found, for every part that changed; and the solver proved there are no other regions.
/// The two versions are 2015-01-01 and the same rules where only permanent supervision is beyond a regular employer
/// (art. 3 lid 1 onder b BabW read narrowly): a change with a known reach, small enough to prove within CI's time.
/// </summary>
[Trait(Category.Name, Category.Solver)]
public sealed class ExactDiffTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_corpus_case_whose_decision_changes_lies_in_a_region_and_no_case_outside_changes()
    {
        var from = RealRules.Library.Resolve("2015-01-01");
        using var folder = new TempRuleSet().With("2015-01-01.yaml",
            File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "2015-01-01.yaml")).Replace("items: [intensive, permanent]", "items: [permanent]", StringComparison.Ordinal));
        var to = RuleLibrary.LoadFile(Path.Combine(folder.Path, "2015-01-01.yaml"));
        // K = 1: at K = 6 a question can take the solver more than a minute on this machine (docs/verification.md).
        var options = new VerificationOptions(Events: 1, Timeout: TimeSpan.FromSeconds(60));
        var seed = (ulong)Random.Shared.NextInt64(1, long.MaxValue - 1);
        output.WriteLine($"seed {seed}: candidates from it, the corpus from seed + 1");
        IReadOnlyList<GeneratedCase> Generate(ulong s) => CaseGenerator.Cases(RealRules.Library, 3000, s);
        // Candidates (the rule tests and generated cases) find most regions without the solver; the corpus checked below is
        // generated apart from them, so that it tests the solver's proof that there are no other regions.
        var candidates = RuleTestRunner.Load(RepositoryPaths.RuleTests).Select(t => (t.Case, t.AsOf)).Concat(Generate(seed).Select(c => (c.Case, c.AsOf))).ToList();

        var exact = ExactDiff.Compute(from, to, options, candidates);

        output.WriteLine(ExactDiffMarkdown.Render(exact));
        exact.Status.ShouldBe(ExactDiffStatus.Proven);
        exact.Regions.ShouldContain(r => r.Kind == DecisionPartKind.Criterion && r.Id == "begeleiding" && r.Before.Value == "met" && r.After.Value == "not_met");
        exact.Regions.ShouldContain(r => r.Kind == DecisionPartKind.Outcome && r.Id == "advies" && r.Before.Value == "positief");

        // The corpus: generated cases (complete and incomplete) that fit the bound, on peildatums from the first version on.
        var corpus = Generate(seed + 1)
            .Where(c => c.AsOf >= exact.AsOfFrom && c.Case.Events.Count <= options.Events && (c.Case.Municipality.Employees?.Distinct().Count() ?? 0) <= options.EmployeeKinds)
            .Select((c, i) => new NamedCase($"casus {i}", c.Case, c.AsOf)).ToList();
        var impact = ImpactAnalysis.Run(CompiledEngine.Instance, from, to, corpus, new ImpactDates(ImpactDates.Mode.Case));
        output.WriteLine($"{corpus.Count} cases, {impact.Changed.Count} changed");

        impact.Changed.Count.ShouldBeGreaterThan(0);
        foreach (var changed in impact.Changed)
        {
            var c = corpus.Single(x => x.Name == changed.Name);
            var (before, after) = (CompiledEngine.Instance.Evaluate(from, c.Case, c.AsOf!.Value, EvaluationOptions.Minimal), CompiledEngine.Instance.Evaluate(to, c.Case, c.AsOf!.Value, EvaluationOptions.Minimal));
            exact.Covers(before, after).ShouldBeTrue($"{changed.Name} changed outside every region:\n{CaseYamlWriter.Write(c.Case, c.AsOf)}");
        }
    }
}
