using EligibilityEngine.Compilation;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Review;

/// <summary>
/// Compares the canonical forms of two complete versions. Items are matched by id (rules, outcomes, sources) or name
/// (parameters), table rows by key; within an item every field is compared as canonical text, so reformatting and key
/// order never show up and a changed condition always does.
/// </summary>
public static class RuleSetDiff
{
    public static VersionDiff Compare(CompiledRuleSet from, CompiledRuleSet to)
    {
        CanonicalVersion a = from.Canonical, b = to.Canonical;
        return new VersionDiff(
            from.Reference,
            to.Reference,
            a.EffectiveFrom,
            b.EffectiveFrom,
            b.Summary,
            Items(a.Rules, b.Rules, r => r.Id, r => r.Title, (r, v) => Citation(v, r.SourceId), RuleFields, a, b),
            Items(a.Parameters, b.Parameters, p => p.Name, _ => null, (p, v) => Citation(v, p.SourceId), ParameterFields, a, b),
            Items(a.Outcomes, b.Outcomes, o => o.Id, o => o.Title, (_, _) => null, OutcomeFields, a, b),
            Items(a.Sources, b.Sources, s => s.Id, s => s.Citation, (s, _) => s.Citation, (s, _) => SourceFields(s), a, b));
    }

    /// <summary>
    /// Matches items by key and lists them in the newer version's order, removed ones after. <paramref name="citation"/>
    /// and <paramref name="fields"/> read an item in the version it belongs to; fields are (key, canonical text).
    /// </summary>
    private static List<ItemChange> Items<T>(
        IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string?> title, Func<T, CanonicalVersion, string?> citation,
        Func<T, CanonicalVersion, IEnumerable<(string Field, string Text)>> fields, CanonicalVersion a, CanonicalVersion b)
    {
        var old = before.ToDictionary(key);
        var changes = new List<ItemChange>();
        foreach (var item in after)
        {
            var now = fields(item, b).ToList();
            if (!old.TryGetValue(key(item), out var was))
            {
                changes.Add(new ItemChange(key(item), ChangeKind.Added, title(item), citation(item, b), now.Select(f => new FieldChange(f.Field, null, f.Text)).ToList()));
                continue;
            }

            var differing = Compare(fields(was, a).ToList(), now);
            if (differing.Count > 0) changes.Add(new ItemChange(key(item), ChangeKind.Changed, title(item), citation(item, b), differing));
        }

        var kept = after.Select(key).ToHashSet();
        foreach (var item in before.Where(i => !kept.Contains(key(i))))
            changes.Add(new ItemChange(key(item), ChangeKind.Removed, title(item), citation(item, a), fields(item, a).Select(f => new FieldChange(f.Field, f.Text, null)).ToList()));
        return changes;
    }

    private static List<FieldChange> Compare(List<(string Field, string Text)> before, List<(string Field, string Text)> after)
    {
        var old = before.ToDictionary(f => f.Field, f => f.Text);
        var changes = after.Where(f => !old.TryGetValue(f.Field, out var text) || text != f.Text)
            .Select(f => new FieldChange(f.Field, old.GetValueOrDefault(f.Field), f.Text)).ToList();
        var kept = after.Select(f => f.Field).ToHashSet();
        changes.AddRange(before.Where(f => !kept.Contains(f.Field)).Select(f => new FieldChange(f.Field, f.Text, null)));
        return changes;
    }

    private static string? Citation(CanonicalVersion version, string sourceId) =>
        version.Sources.FirstOrDefault(s => s.Id == sourceId)?.Citation;

    private static IEnumerable<(string, string)> RuleFields(CanonicalRule r, CanonicalVersion version)
    {
        if (r.Title is not null) yield return ("title", r.Title);
        // The citation as decisions show it: a source whose wording changed changes every rule that cites it.
        var source = version.Sources.FirstOrDefault(s => s.Id == r.SourceId);
        yield return ("source", source is null ? r.SourceId : $"{source.Citation} ({r.SourceId})");
        yield return ("when", r.When);
        yield return ("then", Conclusion(r));
        foreach (var (key, text) in r.Explanations) yield return ("explain." + key, text);
    }

    /// <summary>What a rule concludes, e.g. <c>outcome advies = positief</c> or <c>criterion arbeidsvermogen</c>.</summary>
    public static string Conclusion(CanonicalRule r)
    {
        var head = r.Kind switch
        {
            ConclusionKind.Criterion => $"criterion {r.Target}",
            ConclusionKind.Finding => $"finding {r.Target}",
            _ => $"outcome {r.Target} = {r.Value}",
        };
        return r.Values.Count == 0 ? head : head + " (" + string.Join(", ", r.Values.Select(v => $"{v.Key}: {v.Value}")) + ")";
    }

    private static IEnumerable<(string, string)> ParameterFields(CanonicalParameter p, CanonicalVersion version)
    {
        yield return ("type", p.Type.ToLowerInvariant());
        var source = version.Sources.FirstOrDefault(s => s.Id == p.SourceId);
        yield return ("source", source is null ? p.SourceId : $"{source.Citation} ({p.SourceId})");
        if (p.Description is not null) yield return ("description", p.Description);
        if (p.Value is not null) yield return ("value", p.Value);
        foreach (var row in p.Rows) yield return ("row " + row.Key, row.Value);
    }

    private static IEnumerable<(string, string)> OutcomeFields(CanonicalOutcome o, CanonicalVersion version)
    {
        yield return ("title", o.Title);
        yield return ("values", string.Join(", ", o.Values));
        foreach (var (value, label) in o.Labels) yield return ("label " + value, label);
        yield return ("undetermined", o.UndeterminedValue);
        yield return ("timeline", o.Timeline ? "true" : "false");
        yield return ("explain.undetermined", o.UndeterminedExplanation);
        // The first rule that holds decides: the order of an outcome's rules is part of the law's logic.
        yield return ("rule order", string.Join(", ", version.Rules.Where(r => r.Kind == ConclusionKind.Outcome && r.Target == o.Id).Select(r => r.Id)));
    }

    private static IEnumerable<(string, string)> SourceFields(CanonicalSource s)
    {
        yield return ("citation", s.Citation);
        if (s.Url is not null) yield return ("url", s.Url);
        if (s.WordingSince is not null) yield return ("wording_since", s.WordingSince);
    }
}
