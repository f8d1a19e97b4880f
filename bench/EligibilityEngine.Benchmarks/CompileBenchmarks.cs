using BenchmarkDotNet.Attributes;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Benchmarks;

/// <summary>Compiling one version (type-check + expression trees + strata + hash), and loading the whole folder.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private RuleSetVersion _version = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Paths.Root, "rules", "beschut-werk");
        _version = RuleLibrary.Load(_directory, CompileMode.Interpreted).Select(new DateOnly(2018, 1, 1)).Version;
    }

    /// <summary>The time until a version can evaluate cases (interpreted; what the default tiered mode waits for).</summary>
    [Benchmark]
    public CompiledRuleSet? ReadyToEvaluate() => RuleSetCompiler.Compile(_version, new DiagnosticBag(), CompileMode.Interpreted);

    /// <summary>The time until every delegate of a version is JIT-compiled (tiered mode does this in the background).</summary>
    [Benchmark]
    public CompiledRuleSet? FullyJitCompiled() => RuleSetCompiler.Compile(_version, new DiagnosticBag(), CompileMode.Compiled);

    [Benchmark]
    public RuleLibrary LoadAllSixVersionsReadyToEvaluate() => RuleLibrary.Load(_directory, CompileMode.Interpreted);
}
