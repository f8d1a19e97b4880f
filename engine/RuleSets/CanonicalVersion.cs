
namespace EligibilityEngine.RuleSets;

/// <summary>
/// What a complete version says, with every choice of layout taken out: conditions in canonical print, texts with
/// whitespace folded, parameter values as canonical text, sources and parameters sorted by name. The content hash is
/// computed over it and the semantic diff compares two of them, so "same meaning" is defined in one place.
/// </summary>
public sealed record CanonicalVersion(
    string RuleSetId,
    string Version,
    string? EffectiveFrom,
    string? EffectiveUntil,
    bool Planned,
    string Title,
    string Summary,
    IReadOnlyList<CanonicalSource> Sources,
    IReadOnlyList<CanonicalParameter> Parameters,
    IReadOnlyList<CanonicalOutcome> Outcomes,
    IReadOnlyList<CanonicalRule> Rules)
{
    /// <param name="conditions">Each rule's condition in canonical print, by rule id.</param>
    public static CanonicalVersion From(RuleSetVersion version, IReadOnlyDictionary<string, string> conditions) => new(
        version.RuleSetId,
        version.Version,
        version.EffectiveFrom?.ToString("yyyy-MM-dd"),
        version.EffectiveUntil?.ToString("yyyy-MM-dd"),
        version.Planned,
        RuleText.Normalise(version.Title),
        RuleText.Normalise(version.Summary),
        version.Sources.OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new CanonicalSource(s.Id, s.Citation, s.Url, s.WordingSince?.ToString("yyyy-MM-dd"))).ToList(),
        version.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new CanonicalParameter(p.Name, p.Type.ToString(), p.SourceId,
                p.Description is null ? null : RuleText.Normalise(p.Description),
                p.Table is null ? ParameterText.Value(p) : null,
                p.Table is null ? [] : ParameterText.Rows(p.Table).ToList())).ToList(),
        version.Outcomes.Select(o => new CanonicalOutcome(o.Id, o.Title, o.Values, o.UndeterminedValue, o.Timeline,
            RuleText.Normalise(o.UndeterminedExplanation.Text),
            o.Values.Append(o.UndeterminedValue).Distinct().Select(v => KeyValuePair.Create(v, o.Label(v))).ToList())).ToList(),
        // Rule order is kept: it is the priority among the rules of one outcome.
        version.Rules.Select(r => new CanonicalRule(r.Id, r.SourceId, r.Title, r.Kind, r.Target, r.Value,
            r.Values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList(),
            conditions.TryGetValue(r.Id, out var c) ? c : r.When.Text,
            r.Explanations.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => KeyValuePair.Create(e.Key, RuleText.Normalise(e.Value.Text))).ToList())).ToList());
}

/// <summary>A legal source as cited.</summary>
public sealed record CanonicalSource(string Id, string Citation, string? Url, string? WordingSince);

/// <summary>A parameter: a scalar or list in <see cref="Value"/>, or a table's rows in <see cref="Rows"/>.</summary>
public sealed record CanonicalParameter(string Name, string Type, string SourceId, string? Description, string? Value, IReadOnlyList<TableRowText> Rows);

/// <summary>One table row: its keys joined with "|" (e.g. GM0014|2018) and its value with where the row comes from.</summary>
public sealed record TableRowText(string Key, string Value);

/// <summary>An outcome; <see cref="Labels"/> gives each value's Dutch label in the order of the values.</summary>
public sealed record CanonicalOutcome(
    string Id, string Title, IReadOnlyList<string> Values, string UndeterminedValue, bool Timeline, string UndeterminedExplanation,
    IReadOnlyList<KeyValuePair<string, string>> Labels);

public sealed record CanonicalRule(
    string Id,
    string SourceId,
    string? Title,
    ConclusionKind Kind,
    string Target,
    string? Value,
    IReadOnlyList<KeyValuePair<string, string>> Values,
    string When,
    IReadOnlyList<KeyValuePair<string, string>> Explanations);
