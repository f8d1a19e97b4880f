using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Decisions;

/// <summary>
/// The engine's answer for one case on one date (besluit): the outcomes, every criterion with its status and
/// Dutch explanation and source, the rules that fired, the facts that were missing, and the exact rule set and engine
/// used.
/// </summary>
public sealed record Decision(
    RuleSetReference RuleSet,
    EngineReference Engine,
    DateOnly AsOf,
    IReadOnlyList<OutcomeResult> Outcomes,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<FindingResult> Findings,
    IReadOnlyList<MissingFact> MissingFacts,
    IReadOnlyList<string> Notices,
    IReadOnlyList<RuleFiring>? Trace)
{
    /// <summary>The timeline outcomes (levensloop) judged on each event date under the version then in force.</summary>
    public IReadOnlyList<TimelineStep> Timeline { get; init; } = [];

    public OutcomeResult Outcome(string id) => Outcomes.Single(o => o.Id == id);

    public CriterionResult Criterion(string id) => Criteria.Single(c => c.Id == id);
}

/// <summary>Which rule set decided: id, version, whether it is only planned, and the SHA-256 of its normalised content.</summary>
public sealed record RuleSetReference(string Id, string Version, string Title, bool Planned, string ContentHash);

/// <summary>The engine that judged the case: its kind as users choose it (<c>nrules</c>, <c>compiled</c>), its name
/// and version (e.g. NRules 1.0.4). The law is the same whichever engine judged it, so the content hash is too.</summary>
public sealed record EngineReference(string Kind, string Name, string Version)
{
    public override string ToString() => $"{Name} {Version}";

    /// <summary>The informational version of the assembly a type is in, without source-control suffix.</summary>
    public static string VersionOf(Type type)
    {
        var assembly = type.Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return (informational ?? assembly.GetName().Version?.ToString() ?? "?").Split('+')[0];
    }
}

/// <summary>A legal citation as users see it.</summary>
public sealed record Citation(string SourceId, string Text, string? Url);

public enum CriterionStatus { Met, NotMet, Undetermined }

public enum OutcomeStatus { Decided, Undetermined, NoRuleApplied }

/// <summary>One criterion (criterium): met, not met or undetermined, why, and on which legal basis.</summary>
public sealed record CriterionResult(
    string Id, string Title, CriterionStatus Status, string Explanation, string RuleId, Citation Citation, IReadOnlyList<string> MissingFacts);

/// <summary>One outcome (uitkomst) with its value, e.g. advies = positief.</summary>
public sealed record OutcomeResult(
    string Id,
    string Title,
    OutcomeStatus Status,
    string Value,
    string ValueLabel,
    IReadOnlyDictionary<string, string> Values,
    string Explanation,
    string? RuleId,
    Citation? Citation,
    IReadOnlyList<string> MissingFacts);

/// <summary>A finding (vaststelling) concluded by a rule, e.g. that a positive advice was converted.</summary>
public sealed record FindingResult(string Id, string Explanation, string RuleId, Citation Citation);

/// <summary>
/// A fact that was needed but unknown, and the criteria and outcomes it left undetermined. When it left no outcome
/// undetermined (<paramref name="AffectsAnOutcome"/> false), knowing it would settle a criterion but change no outcome.
/// </summary>
public sealed record MissingFact(string Path, string Label, IReadOnlyList<DecisionPart> Affects, bool AffectsAnOutcome);

/// <summary>A criterion or an outcome of a decision, by id and Dutch title: what a missing fact leaves open.</summary>
public sealed record DecisionPart(DecisionPartKind Kind, string Id, string Title)
{
    /// <summary>The part as the contract and the records name it: "criterium arbeidsvermogen", "uitkomst advies".</summary>
    public string Code => (Kind == DecisionPartKind.Criterion ? "criterium " : "uitkomst ") + Id;

    /// <summary>The part as a person reads it: "criterium Arbeidsvermogen", "Advies beschut werk".</summary>
    public string Text => Kind == DecisionPartKind.Criterion ? "criterium " + Title : Title;
}

public enum DecisionPartKind { Criterion, Outcome }

/// <summary>One rule evaluation in firing order: its result and the fact values it read.</summary>
public sealed record RuleFiring(int Order, int Stratum, string RuleId, RuleConclusion Conclusion, Truth Result, bool Fired, IReadOnlyList<FactReading> Reads);

/// <summary>A rule's condition as evaluated, in three-valued (Kleene) logic: unknown is never false.</summary>
public enum Truth { True, False, Unknown }

/// <summary>What a rule concludes: a criterion, a finding, or an outcome with a value.</summary>
public sealed record RuleConclusion(ConclusionKind Kind, string Target, string? Value)
{
    /// <summary>As the contract writes it: "criterion arbeidsvermogen", "finding x", "outcome advies = positief".</summary>
    public string Code => Kind switch
    {
        ConclusionKind.Criterion => $"criterion {Target}",
        ConclusionKind.Finding => $"finding {Target}",
        _ => $"outcome {Target} = {Value}",
    };
}

public sealed record FactReading(string Path, string Value);

/// <summary>One step of the levensloop: on the date of an event, the outcome under the version in force on that date.</summary>
public sealed record TimelineStep(DateOnly Date, IReadOnlyList<string> Events, string Outcome, string Value, string ValueLabel, string Explanation, string Version, bool Planned);
