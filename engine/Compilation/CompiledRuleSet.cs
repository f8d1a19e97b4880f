using System.Collections.Immutable;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Compilation;

/// <summary>
/// One version compiled for evaluation: rules in their evaluation order (strata), with everything a decision needs
/// to explain itself resolved in advance. Immutable and shared by all evaluations.
/// </summary>
public sealed class CompiledRuleSet
{
    public required RuleSetVersion Version { get; init; }

    public required RuleSetReference Reference { get; init; }

    /// <summary>What the version says, layout removed: what its hash covers and what a diff compares.</summary>
    public required CanonicalVersion Canonical { get; init; }

    /// <summary>Rules in evaluation order: every producer of a criterion, finding or outcome before its readers.</summary>
    public required ImmutableArray<CompiledRule> Rules { get; init; }

    /// <summary>Criteria in file order; the value is the index in <see cref="Rules"/> of the rule that decides it.</summary>
    public required ImmutableArray<(string Id, int Rule)> Criteria { get; init; }

    /// <summary>Findings; the value lists the indexes in <see cref="Rules"/> of the rules that conclude it.</summary>
    public required ImmutableArray<(string Id, int[] Rules)> Findings { get; init; }

    /// <summary>Outcomes as declared; producers listed in priority (file) order as indexes in <see cref="Rules"/>.</summary>
    public required ImmutableArray<(OutcomeDefinition Definition, int[] Rules, ExplanationTemplate Undetermined)> Outcomes { get; init; }

    /// <summary>Per outcome, the label of each of its values (by value index), found once rather than per decision.</summary>
    internal string[][] ValueLabels => _valueLabels ??= Outcomes.Select(o => o.Definition.Values.Select(o.Definition.Label).ToArray()).ToArray();

    private string[][]? _valueLabels;

    /// <summary>Per outcome, the value index of each producer in <see cref="Outcomes"/>' order: what resolving an
    /// outcome reads for every rule that may settle it, without going through the rules.</summary>
    internal int[][] ProducerValues => _producerValues ??= Outcomes.Select(o => o.Rules.Select(r => Rules[r].ValueIndex).ToArray()).ToArray();

    private int[][]? _producerValues;

    public required IReadOnlyList<Leaf> Leaves { get; init; }

    /// <summary>Every fact a rule reads, with its reader for the firing trace (the value as people read it).</summary>
    public required ImmutableArray<(string Path, Func<Case, string> Read)> TraceFacts { get; init; }

    /// <summary>Per rule (index in <see cref="Rules"/>), the facts its condition reads as indexes in
    /// <see cref="TraceFacts"/>, in the order of <see cref="CompiledRule.FactsRead"/>.</summary>
    public required ImmutableArray<int[]> TraceReads { get; init; }

    /// <summary>The indexes of <see cref="Rules"/> in order, 0 to n − 1: the firing order of the compiled engine.</summary>
    internal int[] EvaluationOrder => _evaluationOrder ??= Enumerable.Range(0, Rules.Length).ToArray();

    private int[]? _evaluationOrder;

    /// <summary>The trace entries of rules that read no fact, by rule index × 3 + result byte, made on first use:
    /// immutable, and the same in every trace that runs the rules in evaluation order.</summary>
    internal RuleFiring?[] UnreadFirings => _unreadFirings ??= new RuleFiring?[Rules.Length * 3];

    private RuleFiring?[]? _unreadFirings;

    // The parts of a decision without texts (EvaluationOptions.Explain off) and without missing facts read nothing of
    // the case: made on first use and shared by every such decision (they are immutable). A criterion by its index × 3
    // + result, an outcome or a finding by the rule that decided it.
    internal CriterionResult?[] SharedCriteria => _sharedCriteria ??= new CriterionResult?[Criteria.Length * 3];

    private CriterionResult?[]? _sharedCriteria;

    internal OutcomeResult?[] SharedOutcomes => _sharedOutcomes ??= new OutcomeResult?[Rules.Length];

    private OutcomeResult?[]? _sharedOutcomes;

    internal FindingResult?[] SharedFindings => _sharedFindings ??= new FindingResult?[Rules.Length];

    private FindingResult?[]? _sharedFindings;

    /// <summary>Per outcome, its record when no rule of it applied: the same in every decision.</summary>
    internal OutcomeResult?[] SharedNoValue => _sharedNoValue ??= new OutcomeResult?[Outcomes.Length];

    private OutcomeResult?[]? _sharedNoValue;

    /// <summary>The background promotion of every delegate to JIT-compiled code (<see cref="CompileMode.Tiered"/>);
    /// completed when none was started.</summary>
    public Task Compilation => _compilation ?? Task.CompletedTask;

    private Task? _compilation;

    /// <summary>Starts <see cref="Compilation"/> now, once however many threads ask.</summary>
    public void CompileInBackground()
    {
        var compilation = new Task(CompileNow);
        if (Interlocked.CompareExchange(ref _compilation, compilation, null) is null) compilation.Start(TaskScheduler.Default);
    }

    /// <summary>Evaluations of a tiered version before its promotion starts. JIT-compiling a version costs the CPU that
    /// 1,600–1,900 evaluations save once it is compiled (docs/performance.md, *Compiling a version*), so a version is
    /// compiled once it is in real use, somewhat before it has paid for itself; a version a host never uses, a folder
    /// reloaded for every edit, or a library judging a few cases costs no compilation at all.</summary>
    public const int EvaluationsBeforePromotion = 1_000;

    // Counts down to the promotion; zero or less: none pending (compiled or interpreted-only, or already started).
    private int _evaluationsUntilPromotion;

    /// <summary>Promotes this version in the background once it has made <see cref="EvaluationsBeforePromotion"/>
    /// evaluations (<see cref="CompileMode.Tiered"/>). <see cref="RuleLibrary"/> asks for it only once every version of
    /// a folder validated.</summary>
    public void PromoteWhenUsed() => Volatile.Write(ref _evaluationsUntilPromotion, EvaluationsBeforePromotion);

    /// <summary>Called once per evaluation of the rules (both engines, through <c>Evaluator.Prepare</c>); exactly one
    /// caller sees the count reach zero and starts the promotion.</summary>
    internal void CountEvaluation()
    {
        if (_evaluationsUntilPromotion > 0 && Interlocked.Decrement(ref _evaluationsUntilPromotion) == 0) CompileInBackground();
    }

    // The collections above are immutable arrays: the per-case loop indexes them at array speed, without the
    // interface calls of IReadOnlyList.

    public required IReadOnlyList<ITiered> Delegates { get; init; }

    public bool IsFullyCompiled => Delegates.All(d => d.IsCompiled);

    /// <summary>Compiles every delegate still interpreted, now, on this thread: for a caller about to judge many
    /// cases with this version, where waiting for the background is slower than doing it.</summary>
    public void CompileNow()
    {
        foreach (var d in Delegates) d.Promote();
    }

    /// <summary>Every rule's condition as it runs now, in <see cref="Rules"/>' order: the compiled engine's loop calls
    /// them from one array instead of through each rule's <see cref="Tiered{TDelegate}"/>. Kept once every condition
    /// is compiled; until then made afresh per call, so a promotion is picked up.</summary>
    internal Func<EvaluationState, bool?>[] Conditions()
    {
        if (_conditions is { } kept) return kept;
        var conditions = new Func<EvaluationState, bool?>[Rules.Length];
        var compiled = true;
        for (var i = 0; i < conditions.Length; i++)
        {
            // IsCompiled first: once it is true, Current is the compiled delegate (Promote writes that before it).
            compiled &= Rules[i].Code.IsCompiled;
            conditions[i] = Rules[i].Condition;
        }

        if (compiled) _conditions = conditions;
        return conditions;
    }

    private Func<EvaluationState, bool?>[]? _conditions;

    /// <summary>Per rule, in <see cref="Rules"/>' order, what the loop does with its result: the kind and index of its
    /// conclusion, and the outcomes final after it; one array, read without going through the rule and its definition.</summary>
    internal (ConclusionKind Kind, int Target, int[] Resolves)[] Steps =>
        _steps ??= Rules.Select(r => (r.Kind, r.TargetIndex, r.ResolvesOutcomes)).ToArray();

    private (ConclusionKind Kind, int Target, int[] Resolves)[]? _steps;

    public int StratumCount => Rules.IsEmpty ? 0 : Rules.Max(r => r.Stratum) + 1;

    /// <summary>Rules' conditions split into their top-level parts and compiled, made on first request by
    /// <see cref="ConditionPartCompiler"/> (a page explaining a decision part by part), never on the evaluation path.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, CompiledParts> PartsByRule { get; } = new(StringComparer.Ordinal);

    public EvaluationState NewState() => new(Criteria.Length, Findings.Length, Outcomes.Length, Rules.Length);
}
