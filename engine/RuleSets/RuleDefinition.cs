using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>What a rule concludes: the status of a criterion, a finding, or a value of an outcome.</summary>
public enum ConclusionKind { Criterion, Finding, Outcome }

/// <summary>
/// One rule as written: when its condition holds it concludes something. A criterion rule concludes met / not
/// met / undetermined from its condition; a finding rule asserts the finding when its condition is true; an outcome
/// rule gives the outcome its value, the first true rule of that outcome (in file order) deciding.
/// </summary>
/// <param name="Explanations">Dutch explanation templates: for a criterion keyed met / not_met / undetermined;
/// otherwise one template keyed "fired".</param>
/// <param name="InsertBefore">For a rule a later version adds: the rule it goes before, which sets its priority among
/// the rules of the same outcome. Without it an added rule goes last.</param>
public sealed record RuleDefinition(
    string Id,
    string SourceId,
    string? Title,
    ConclusionKind Kind,
    string Target,
    string? Value,
    IReadOnlyDictionary<string, string> Values,
    LocatedText When,
    IReadOnlyDictionary<string, LocatedText> Explanations,
    string? InsertBefore,
    SourcePosition Position);
