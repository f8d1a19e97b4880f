using System.Collections.Concurrent;
using System.Diagnostics;
using EligibilityEngine.Testing;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Verification;

/// <summary>
/// Before any proof is trusted: the SMT encoding of a version, with a case's facts fixed, gives exactly the decision both
/// engines give (every outcome, criterion and finding), for generated complete and incomplete cases.
/// </summary>
[Trait(Category.Name, Category.Solver)]
public sealed class EncodingAgreementTests(ITestOutputHelper output)
{
    private static readonly Lazy<RuleLibrary> Compiled = new(() => RealRules.Library.With(CompiledEngine.Instance));

    /// <summary>Cases judged per run: at least 10,000, as the issue asks of every run (54 s on two quiet cores,
    /// docs/verification.md); EE_SMT_AGREEMENT_CASES sets another number for a local replay. About one generated case in
    /// a hundred falls before the first version and is refused by the engines, so a twentieth more are drawn.</summary>
    private static readonly int CaseCount =
        int.TryParse(Environment.GetEnvironmentVariable("EE_SMT_AGREEMENT_CASES"), out var count) && count > 0 ? count : 10_000;

    /// <summary>
    /// Case i of a run is generated from the run's seed and i alone (a PCG with stream i), so a run is replayed exactly with
    /// EE_SMT_AGREEMENT_SEED=seed, and one case of it with EE_SMT_AGREEMENT_SEED=seed/i, whatever the threads did.
    /// </summary>
    [Fact]
    public void The_encoding_decides_as_both_engines_for_generated_cases()
    {
        var (seed, only) = RunSeed(Environment.GetEnvironmentVariable("EE_SMT_AGREEMENT_SEED"));
        output.WriteLine($"seed {seed}, {CaseCount + CaseCount / 20} cases drawn for at least {CaseCount} judged (replay with EE_SMT_AGREEMENT_SEED={seed} EE_SMT_AGREEMENT_CASES={CaseCount})");
        var generator = CaseGenerator.For(RealRules.Library);
        using var solvers = new SolverPool(new VerificationOptions(Events: 7));
        var checkedCases = 0;
        var failures = new ConcurrentQueue<(int Index, string Text)>();
        var watch = Stopwatch.StartNew();
        var indices = only is { } one ? [one] : Enumerable.Range(0, CaseCount + CaseCount / 20).ToArray();
        Parallel.ForEach(indices, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            var c = CaseGenerator.Draw(generator, i, seed);
            try
            {
                if (Agree(solvers, c)) Interlocked.Increment(ref checkedCases);
            }
            catch (Exception ex) when (ex is InvalidOperationException or SolverException or ShouldAssertException)
            {
                failures.Enqueue((i, $"case {i} (replay it with EE_SMT_AGREEMENT_SEED={seed}/{i}): {ex.Message}{EngineComparison.Yaml(c)}"));
                state.Stop();
            }
        });
        output.WriteLine($"{checkedCases} cases judged by the encoding and both engines in {watch.Elapsed.TotalSeconds:0.0} s");
        if (!failures.IsEmpty) throw new Xunit.Sdk.XunitException(failures.OrderBy(f => f.Index).First().Text);
        if (only is null) checkedCases.ShouldBeGreaterThanOrEqualTo(CaseCount);
    }

    /// <summary>EE_SMT_AGREEMENT_SEED: "seed" replays a run, "seed/i" its case i alone; unset, a new run.</summary>
    private static (ulong Seed, int? Only) RunSeed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ((ulong)Random.Shared.NextInt64(1, long.MaxValue), null);
        var parts = text.Split('/');
        return (ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    [Fact]
    public void The_encoding_decides_as_the_engines_for_every_sample()
    {
        using var solvers = new SolverPool(new VerificationOptions(Events: 7));
        foreach (var name in Samples.SampleTests.Samples())
        {
            var file = EligibilityEngine.Cases.CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
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
