using EligibilityEngine.Evaluation;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine;

/// <summary>
/// All versions of one rule set, validated and compiled once. Picks the version in force on a date; a planned version
/// is used only when asked for by name.
/// </summary>
public sealed class RuleLibrary
{
    private RuleLibrary(string directory, IReadOnlyList<CompiledRuleSet> versions, IDecisionEngine engine)
    {
        Directory = directory;
        Versions = versions;
        InForce = versions.Where(v => !v.Version.Planned).ToArray();
        Engine = engine;
    }

    public string Directory { get; }

    /// <summary>In-force versions by effective date, then planned versions.</summary>
    public IReadOnlyList<CompiledRuleSet> Versions { get; }

    /// <summary>The versions that are or were law, by effective date: found once, as every decision (and every step of
    /// its levensloop) picks the version in force from them.</summary>
    public IReadOnlyList<CompiledRuleSet> InForce { get; }

    /// <summary>The engine that judges cases with these versions.</summary>
    public IDecisionEngine Engine { get; }

    /// <summary>The same versions judged by another engine.</summary>
    public RuleLibrary With(IDecisionEngine engine) => new(Directory, Versions, engine);

    /// <summary>Completes when the engine can judge every version without further preparation (for NRules: every
    /// version's session factory is built).</summary>
    public Task PrepareAsync() => Task.WhenAll(Versions.Select(Engine.PrepareAsync));

    /// <summary>Loads, validates and compiles every version in a folder; throws with every problem found.</summary>
    public static RuleLibrary Load(string directory, CompileMode mode = CompileMode.Tiered, EngineKind engine = EngineKind.NRules)
    {
        var (library, diagnostics) = TryLoad(directory, mode, engine);
        return library ?? throw new InvalidInputException($"the rule set in '{directory}' has {diagnostics.Count} error(s)", diagnostics);
    }

    /// <summary>Loads a folder and returns the library, or null with every problem found (for `eligibility validate`).</summary>
    public static (RuleLibrary? Library, IReadOnlyList<Diagnostic> Diagnostics) TryLoad(string directory, CompileMode mode = CompileMode.Tiered,
        EngineKind engine = EngineKind.NRules)
    {
        var diagnostics = new DiagnosticBag();
        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Add(SourcePosition.None(directory), "rule folder does not exist");
            return (null, diagnostics.Items);
        }

        var files = System.IO.Directory.GetFiles(directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => RuleSetFileReader.Read(f, DisplayPath(f), diagnostics))
            .OfType<RuleSetFile>()
            .ToList();
        if (files.Count == 0 && !diagnostics.HasErrors) diagnostics.Add(SourcePosition.None(directory), "no rule-set version files (*.yaml) in this folder");

        var versions = RuleSetComposer.Compose(files, diagnostics);
        var compiled = versions.Select(v => RuleSetCompiler.Compile(v, diagnostics, mode)).ToList();
        if (diagnostics.HasErrors) return (null, Deduplicate(diagnostics.Items));
        if (mode == CompileMode.Tiered) foreach (var version in compiled) version!.PromoteWhenUsed();
        return (new RuleLibrary(directory, compiled.OfType<CompiledRuleSet>().ToList(), DecisionEngines.Create(engine)), []);
    }

    // A problem in an inherited rule is found again in every version that inherits it; report it once.
    private static List<Diagnostic> Deduplicate(IEnumerable<Diagnostic> diagnostics) => diagnostics.Distinct().ToList();

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>
    /// The version to apply: the one named by <paramref name="version"/> (a version id or a prefix of its content
    /// hash, at least 8 characters), else the in-force version on <paramref name="asOf"/>.
    /// </summary>
    public CompiledRuleSet Select(DateOnly asOf, string? version = null)
    {
        if (version is not null)
        {
            var named = Versions.FirstOrDefault(v => v.Version.Version == version)
                ?? (version.Length >= 8 ? Versions.FirstOrDefault(v => v.Reference.ContentHash.StartsWith(version, StringComparison.OrdinalIgnoreCase)) : null);
            return named ?? throw new VersionNotFoundException(
                $"no version {Facts.FactText.Echo(version)} in rule set {Versions[0].Version.RuleSetId}; versions: {string.Join(", ", Versions.Select(v => v.Version.Version))}");
        }

        var inForce = InForce;
        var first = inForce[0].Version.EffectiveFrom!.Value;
        if (asOf < first)
            throw new EvaluationException(
                $"no version of rule set {inForce[0].Version.RuleSetId} is in force on {asOf:yyyy-MM-dd}: the first version takes effect on {first:yyyy-MM-dd}");
        var last = inForce.Count - 1;
        while (!(inForce[last].Version.EffectiveFrom <= asOf)) last--;
        var current = inForce[last];
        if (current.Version.EffectiveUntil is { } until && asOf > until)
            throw new EvaluationException($"no version is in force on {asOf:yyyy-MM-dd}: version {current.Version.Version} ended on {until:yyyy-MM-dd}");
        return current;
    }

    /// <summary>
    /// The last day a version is in force: its own <c>effective_until</c>, else the day before the next in-force version
    /// takes effect; null for the newest in-force version (open-ended) and for a planned version (never in force).
    /// </summary>
    public DateOnly? InForceUntil(CompiledRuleSet set)
    {
        if (set.Version.Planned) return null;
        if (set.Version.EffectiveUntil is { } until) return until;
        var next = InForce.FirstOrDefault(v => v.Version.EffectiveFrom > set.Version.EffectiveFrom);
        return next?.Version.EffectiveFrom!.Value.AddDays(-1);
    }

    /// <summary>
    /// A version named the way a reviewer names it: a version id (<c>2017-01-01</c>, <c>planned-simpel-switchen</c>),
    /// a content-hash prefix, or a date (the version in force on it).
    /// </summary>
    public CompiledRuleSet Resolve(string reference)
    {
        if (Versions.Any(v => v.Version.Version == reference) || !DateOnly.TryParseExact(reference, "yyyy-MM-dd", out var date))
            return Select(DateOnly.MaxValue, reference);
        return Select(date);
    }

    /// <summary>The version a rule file defines, composed with the versions of the folder it is in.</summary>
    public static CompiledRuleSet LoadFile(string file, CompileMode mode = CompileMode.Tiered)
    {
        var full = Path.GetFullPath(file);
        var library = Load(Path.GetDirectoryName(full)!, mode);
        return library.Versions.FirstOrDefault(v => Path.GetFullPath(v.Version.File) == full)
            ?? throw new VersionNotFoundException($"'{file}' defines no version of rule set {library.Versions[0].Version.RuleSetId}");
    }

    /// <summary>For each rule in the decision's trace, the truth of each top-level part of its condition for the case it
    /// judged (<see cref="ConditionPartResults"/>): what a page says part by part. Asked for when a decision is explained,
    /// never while one is made.</summary>
    public IReadOnlyDictionary<string, PartResults> ConditionParts(Decision decision, Case @case) =>
        ConditionPartResults.Evaluate(Select(decision.AsOf, decision.RuleSet.Version), @case, decision.AsOf, (decision.Trace ?? []).Select(r => r.RuleId));

    /// <param name="cancellation">Stops the levensloop between dates when the caller has gone (one judgement takes
    /// microseconds; a levensloop judges the case again on every event date).</param>
    public Decision Evaluate(Case @case, DateOnly asOf, EvaluationOptions? options = null, string? version = null, CancellationToken cancellation = default)
    {
        options ??= EvaluationOptions.Default;
        cancellation.ThrowIfCancellationRequested();
        var decision = Engine.Evaluate(Select(asOf, version), @case, asOf, options);
        return options.Timeline && @case.Events.Count > 0
            ? decision with { Timeline = Timeline.Build(this, @case, asOf, version, cancellation) }
            : decision;
    }
}

/// <summary>A pinned version that does not exist.</summary>
public sealed class VersionNotFoundException(string message) : Exception(message);
