using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Cases;

/// <summary>A case file: the facts, and optionally the peildatum, a requested version and the expected decision.</summary>
public sealed record CaseFile(Case Case, DateOnly? AsOf, string? Version, string? Description, ExpectedDecision? Expected);

/// <summary>
/// What a sample or rule test expects: outcome values, criterion statuses (met / not_met / undetermined), asserted
/// findings, and missing facts.
/// </summary>
public sealed record ExpectedDecision(
    IReadOnlyDictionary<string, string> Outcomes,
    IReadOnlyDictionary<string, string> Criteria,
    IReadOnlyList<string>? Findings,
    IReadOnlyList<string>? Missing,
    bool? Planned);

/// <summary>An entry of a YAML rule-test file: its mapping, and the name, peildatum and case read from it (null where
/// they could not be read; the errors are in the diagnostics).</summary>
public sealed record RuleTestEntry(YamlMap Entry, string? Name, DateOnly? AsOf, Case? Case);
