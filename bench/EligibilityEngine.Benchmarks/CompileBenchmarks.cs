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
        _version = RuleLibrary.Load(_directory).Select(new DateOnly(2018, 1, 1)).Version;
    }

    [Benchmark]
    public CompiledRuleSet? CompileOneVersion() => RuleSetCompiler.Compile(_version, new DiagnosticBag());

    [Benchmark]
    public RuleLibrary LoadAndCompileAllSixVersions() => RuleLibrary.Load(_directory);
}
