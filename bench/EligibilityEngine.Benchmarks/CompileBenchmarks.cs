using BenchmarkDotNet.Attributes;
using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.NRules;

namespace EligibilityEngine.Benchmarks;

/// <summary>Compiling one version (type-check + expression trees + strata + hash), translating it for NRules, and loading
/// the whole folder.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private RuleSetVersion _version = null!;
    private CompiledRuleSet _set = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Paths.Root, "rules", "beschut-werk");
        _set = RuleLibrary.Load(_directory, CompileMode.Interpreted).Select(new DateOnly(2018, 1, 1));
        _version = _set.Version;
    }

    /// <summary>The time until a version can evaluate cases (interpreted; what the default tiered mode waits for).</summary>
    [Benchmark]
    public CompiledRuleSet? ReadyToEvaluate() => RuleSetCompiler.Compile(_version, new DiagnosticBag(), CompileMode.Interpreted);

    /// <summary>The time until every delegate of a version is JIT-compiled (tiered mode does this in the background).</summary>
    [Benchmark]
    public CompiledRuleSet? FullyJitCompiled() => RuleSetCompiler.Compile(_version, new DiagnosticBag(), CompileMode.Compiled);

    /// <summary>On top of the version compiled: its translation into NRules' rule model and RuleCompiler.Compile into a
    /// session factory (a new engine each time, so nothing is cached).</summary>
    [Benchmark]
    public void NRulesSessionFactoryForOneVersion() => new NRulesEngine().PrepareAsync(_set).GetAwaiter().GetResult();

    [Benchmark]
    public RuleLibrary LoadEveryVersionReadyToEvaluate() => RuleLibrary.Load(_directory, CompileMode.Interpreted);

    /// <summary>What the host waits for before it reports SERVING with NRules: every version loaded, compiled and
    /// translated into a session factory (the translations run in parallel).</summary>
    [Benchmark]
    public RuleLibrary LoadEveryVersionReadyForNRules()
    {
        var library = RuleLibrary.Load(_directory, CompileMode.Interpreted);
        library.PrepareAsync().GetAwaiter().GetResult();
        return library;
    }
}
