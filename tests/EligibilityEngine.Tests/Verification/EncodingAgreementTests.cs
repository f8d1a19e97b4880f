using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Verification;

/// <summary>
/// Before any proof is trusted: the SMT encoding of a version, with a case's facts fixed, gives exactly the decision both
/// engines give (every outcome, criterion and finding), for generated complete and incomplete cases.
/// </summary>
public sealed class EncodingAgreementTests(ITestOutputHelper output)
{
    private static readonly Lazy<RuleLibrary> Compiled = new(() => RealRules.Library.With(CompiledEngine.Instance));

    /// <summary>Cases per run: 1,500 by default, so that the whole suite stays within CI's time on two cores (10,000
    /// take about ten minutes there); EE_SMT_AGREEMENT_CASES=10000 runs the full number (docs/verification.md).</summary>
    private static readonly int CaseCount =
        int.TryParse(Environment.GetEnvironmentVariable("EE_SMT_AGREEMENT_CASES"), out var count) && count > 0 ? count : 1_500;

    [Fact]
    public void The_encoding_decides_as_both_engines_for_generated_cases()
    {
        using var solvers = new SolverPool(new VerificationOptions(Events: 7));
        var checkedCases = 0;
        var watch = Stopwatch.StartNew();
        Check.Sample(CaseGenerator.For(RealRules.Library), c =>
        {
            if (Agree(solvers, c)) Interlocked.Increment(ref checkedCases);
        }, iter: CaseCount, print: EngineComparison.Yaml, writeLine: output.WriteLine);
        output.WriteLine($"{checkedCases} cases judged by the encoding and both engines in {watch.Elapsed.TotalSeconds:0.0} s");
        // A few generated cases fall before the first version and are refused by the engines; the rest must be judged.
        checkedCases.ShouldBeGreaterThan(CaseCount * 9 / 10);
    }

    [Fact]
    public void The_encoding_decides_as_the_engines_for_every_sample()
    {
        using var solvers = new SolverPool(new VerificationOptions(Events: 7));
        foreach (var name in SampleTests.Samples())
        {
            var file = Cases.CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
            Agree(solvers, new GeneratedCase(file.Case, file.AsOf!.Value, file.Version)).ShouldBeTrue(name);
        }
    }

    /// <summary>True when the encoding and both engines agree; false when the engines refuse the case (no version on the
    /// date); throws with the case and the differences otherwise.</summary>
    private static bool Agree(SolverPool solvers, GeneratedCase c)
    {
        CompiledRuleSet set;
        try
        {
            set = RealRules.Library.Select(c.AsOf, c.Version);
        }
        catch (EvaluationException)
        {
            return false;
        }

        var options = EvaluationOptions.Minimal;
        var compiled = VersionEncoding.DecisionOf(Compiled.Value.Engine.Evaluate(set, c.Case, c.AsOf, options));
        var nrules = VersionEncoding.DecisionOf(RealRules.Library.Engine.Evaluate(set, c.Case, c.AsOf, options));
        nrules.ShouldBe(compiled);
        var encoded = solvers.For(set).DecisionFor(c.Case, c.AsOf) ?? throw new InvalidOperationException("the case does not fit the bounds");
        var differences = compiled.Except(encoded).Select(l => "engines: " + l).Concat(encoded.Except(compiled).Select(l => "encoding: " + l)).ToList();
        if (differences.Count > 0)
            throw new InvalidOperationException($"the encoding of {set.Version.Version} decides otherwise than the engines:\n  " + string.Join("\n  ", differences));
        return true;
    }

    /// <summary>One solver per version and thread, loaded once.</summary>
    private sealed class SolverPool(VerificationOptions options) : IDisposable
    {
        private readonly ConcurrentBag<EncodedVersion> _all = [];
        private readonly ThreadLocal<Dictionary<string, EncodedVersion>> _mine = new(() => []);

        public EncodedVersion For(CompiledRuleSet set)
        {
            var mine = _mine.Value!;
            if (mine.TryGetValue(set.Reference.ContentHash, out var loaded)) return loaded;
            loaded = EncodedVersion.Load(set, options);
            _all.Add(loaded);
            return mine[set.Reference.ContentHash] = loaded;
        }

        public void Dispose()
        {
            foreach (var version in _all) version.Dispose();
            _mine.Dispose();
        }
    }
}
