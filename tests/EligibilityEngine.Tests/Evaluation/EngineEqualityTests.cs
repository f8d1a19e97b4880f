using EligibilityEngine.Tests.Samples;
using CsCheck;
using EligibilityEngine.Decisions;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Runtime;
using EligibilityEngine.Cases;
using EligibilityEngine.NRules;
using EligibilityEngine.Testing;
using EligibilityEngine.Tests.Support;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Evaluation;

/// <summary>
/// The proof that NRules judges by exactly the same law as the compiled evaluator: identical decisions on every sample,
/// every YAML rule test and 100,000 generated cases per run, and a negative control that shows the suite can fail.
/// </summary>
public sealed class EngineEqualityTests(ITestOutputHelper output)
{
    private static RuleLibrary NRulesLibrary => RealRules.Library;

    private static readonly Lazy<RuleLibrary> CompiledLibrary = new(() => RealRules.Library.With(CompiledEngine.Instance));

    [Fact]
    public void The_real_rules_are_judged_by_NRules_by_default()
    {
        NRulesLibrary.Engine.Reference.ShouldBe(new EngineReference("nrules", "NRules", "1.0.4"));
        CompiledLibrary.Value.Engine.Reference.Kind.ShouldBe("compiled");
    }

    [Theory]
    [MemberData(nameof(SampleTests.Samples), MemberType = typeof(SampleTests))]
    public void Both_engines_give_the_same_decision_for_the_sample(string name)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name));
        EngineComparison.AssertSame(CompiledLibrary.Value, NRulesLibrary, new GeneratedCase(file.Case, file.AsOf!.Value, file.Version));
    }

    [Fact]
    public void Both_engines_give_the_same_decision_for_every_yaml_rule_test()
    {
        var tests = RuleTestRunner.Load(RepositoryPaths.RuleTests);
        tests.Count.ShouldBeGreaterThan(60);
        foreach (var test in tests)
            EngineComparison.AssertSame(CompiledLibrary.Value, NRulesLibrary, new GeneratedCase(test.Case, test.AsOf, test.Version));
    }

    [Fact]
    [Trait(Category.Name, Category.Slow)]
    public void Both_engines_give_the_same_decision_for_100000_generated_cases()
    {
        Check.Sample(CaseGenerator.For(RealRules.Library), c => EngineComparison.AssertSame(CompiledLibrary.Value, NRulesLibrary, c),
            iter: 100_000, print: EngineComparison.Yaml, writeLine: output.WriteLine);
    }

    [Fact]
    public void The_suite_catches_an_NRules_translation_that_reads_an_unknown_condition_as_false()
    {
        var slip = RealRules.Library.With(new NRulesEngine(result => result == true ? EvaluationState.True : EvaluationState.False));

        var failure = Should.Throw<CsCheckException>(() => Check.Sample(CaseGenerator.For(RealRules.Library),
            c => EngineComparison.AssertSame(CompiledLibrary.Value, slip, c), iter: 10_000, print: EngineComparison.Yaml));

        output.WriteLine(failure.Message);
        failure.Message.ShouldContain("CsCheck_Seed="); // how to replay it
        failure.Message.ShouldContain("as_of: "); // the shrunk counter-example, as a case file
        failure.InnerException!.Message.ShouldStartWith("NRules 1.0.4 decides otherwise than EligibilityEngine compiled evaluator");
    }
}
