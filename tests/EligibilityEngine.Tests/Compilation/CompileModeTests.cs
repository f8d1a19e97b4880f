using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Cases;
using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Compilation;

/// <summary>Interpreted and JIT-compiled code run the same expression trees and must give the same decisions.</summary>
public sealed class CompileModeTests
{
    [Fact]
    public void Interpreted_and_compiled_evaluation_give_identical_decisions_for_every_rule_test_and_sample()
    {
        var interpreted = RuleLibrary.Load(RepositoryPaths.Rules, CompileMode.Interpreted);
        var compiled = RuleLibrary.Load(RepositoryPaths.Rules, CompileMode.Compiled);
        interpreted.Versions.ShouldAllBe(v => !v.IsFullyCompiled);
        compiled.Versions.ShouldAllBe(v => v.IsFullyCompiled);

        var cases = RuleTestRunner.Load(RepositoryPaths.RuleTests).Select(t => (t.Case, t.AsOf, t.Version))
            .Concat(Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Select(CaseReader.ReadFile).Select(f => (f.Case, f.AsOf!.Value, f.Version)))
            .ToList();
        cases.Count.ShouldBeGreaterThan(80);
        foreach (var (@case, asOf, version) in cases)
        {
            var a = Json.Serialize(interpreted.Evaluate(@case, asOf, EvaluationOptions.WithTrace, version));
            var b = Json.Serialize(compiled.Evaluate(@case, asOf, EvaluationOptions.WithTrace, version));
            a.ShouldBe(b, $"{@case.CaseId} on {asOf}");
        }
    }

    [Fact]
    public async Task A_tiered_version_is_promoted_to_compiled_code_in_the_background_once_it_has_made_a_thousand_evaluations()
    {
        var library = RuleLibrary.Load(RepositoryPaths.Rules, CompileMode.Tiered, EngineKind.Compiled);
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));
        var asOf = file.AsOf!.Value;
        var used = library.Select(asOf);
        for (var i = 1; i < CompiledRuleSet.EvaluationsBeforePromotion; i++) library.Engine.Evaluate(used, file.Case, asOf, EvaluationOptions.Minimal);

        // No promotion started: awaiting it does not compile the version.
        await used.Compilation;
        used.IsFullyCompiled.ShouldBeFalse();

        library.Engine.Evaluate(used, file.Case, asOf, EvaluationOptions.Minimal);
        await Task.WhenAll(library.Versions.Select(v => v.Compilation)).WaitAsync(TimeSpan.FromMinutes(1));
        used.IsFullyCompiled.ShouldBeTrue();
        // The versions that judged nothing were never compiled.
        library.Versions.Where(v => v != used).ShouldAllBe(v => !v.IsFullyCompiled);
    }
}
