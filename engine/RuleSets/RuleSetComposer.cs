using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

/// <summary>
/// Turns version files into complete versions. The first in-force version is complete; every later file names the
/// version it <c>extends</c> and states only what it adds, replaces (same id) and removes — like an amending act
/// against the consolidated text. Also checks file names and that in-force versions follow each other without gap
/// or overlap.
/// </summary>
internal static class RuleSetComposer
{
    public static List<RuleSetVersion> Compose(IReadOnlyList<RuleSetFile> files, DiagnosticBag diagnostics)
    {
        CheckHeaders(files, diagnostics);
        var byVersion = new Dictionary<string, RuleSetFile>();
        foreach (var file in files.Where(f => f.Version is not null))
        {
            if (!byVersion.TryAdd(file.Version!, file))
                diagnostics.Add(file.Position, $"version '{file.Version}' is also defined in {byVersion[file.Version!].Path}");
        }

        var composed = new Dictionary<string, RuleSetVersion?>();
        foreach (var file in byVersion.Values) ComposeOne(file, byVersion, composed, new HashSet<string>(), diagnostics);
        var versions = composed.Values.OfType<RuleSetVersion>().ToList();
        CheckDateChain(versions, byVersion, diagnostics);
        return versions.OrderBy(v => v.Planned).ThenBy(v => v.EffectiveFrom ?? DateOnly.MaxValue).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
    }

    private static void CheckHeaders(IReadOnlyList<RuleSetFile> files, DiagnosticBag diagnostics)
    {
        var ruleSetIds = files.Select(f => f.RuleSetId).OfType<string>().Distinct().ToList();
        if (ruleSetIds.Count > 1)
            foreach (var file in files.Where(f => f.RuleSetId != ruleSetIds[0]))
                diagnostics.Add(file.Position, $"rule_set '{file.RuleSetId}' differs from '{ruleSetIds[0]}': one folder holds the versions of one rule set");

        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file.Path);
            if (!file.Planned && file.EffectiveFrom is { } from)
            {
                var date = from.ToString("yyyy-MM-dd");
                if (name != date) diagnostics.Add(file.Position, $"the file name must be the effective date: {date}.yaml, not {Path.GetFileName(file.Path)}");
                if (file.Version is not null && file.Version != date) diagnostics.Add(file.Position, $"an in-force version is named by its effective date: version: {date}, not '{file.Version}'");
            }
            else if (file.Planned && file.Version is not null && name != file.Version)
            {
                diagnostics.Add(file.Position, $"the file name must be the version: {file.Version}.yaml, not {Path.GetFileName(file.Path)}");
            }

            if (file.EffectiveFrom is { } start && file.EffectiveUntil is { } end && end < start)
                diagnostics.Add(file.Position, $"effective_until {end:yyyy-MM-dd} is before effective_from {start:yyyy-MM-dd}");
        }
    }

    private static RuleSetVersion? ComposeOne(
        RuleSetFile file, Dictionary<string, RuleSetFile> files, Dictionary<string, RuleSetVersion?> done, HashSet<string> visiting, DiagnosticBag diagnostics)
    {
        if (done.TryGetValue(file.Version!, out var ready)) return ready;
        if (!visiting.Add(file.Version!))
        {
            diagnostics.Add(file.Position, $"version '{file.Version}' extends itself through a chain of 'extends'");
            return done[file.Version!] = null;
        }

        RuleSetVersion? parent = null;
        if (file.Extends is not null)
        {
            if (!files.TryGetValue(file.Extends, out var parentFile))
            {
                diagnostics.Add(file.Position, $"extends '{file.Extends}', which is not a version in this folder");
                return done[file.Version!] = null;
            }

            parent = ComposeOne(parentFile, files, done, visiting, diagnostics);
            if (parent is null) return done[file.Version!] = null;
        }
        else if (file.Removals.Values.Any(r => r.Count > 0))
        {
            diagnostics.Add(file.Position, "a version that extends no other version cannot remove anything");
        }

        var changes = (Added: new List<string>(), Replaced: new List<string>(), Removed: new List<string>());
        var sources = Merge("source", parent?.Sources, file.Sources, s => s.Id, s => s.Position, file, changes, diagnostics);
        var parameters = Merge("parameter", parent?.Parameters, file.Parameters, p => p.Name, p => p.Position, file, changes, diagnostics);
        var outcomes = Merge("outcome", parent?.Outcomes, file.Outcomes, o => o.Id, o => o.Position, file, changes, diagnostics);
        var rules = Merge("rule", parent?.Rules, file.Rules, r => r.Id, r => r.Position, file, changes, diagnostics);
        rules = PlaceInsertedRules(rules, file, diagnostics);

        var version = new RuleSetVersion(
            file.RuleSetId ?? "", file.Version!, file.EffectiveFrom, file.EffectiveUntil, file.Planned,
            file.Title ?? "", file.Summary ?? "", file.Extends, file.Path,
            sources, parameters, outcomes, rules,
            parent is null ? VersionChanges.None : new VersionChanges(changes.Added, changes.Replaced, changes.Removed));
        return done[file.Version!] = version;
    }

    private static List<T> Merge<T>(
        string kind, IReadOnlyList<T>? inherited, IReadOnlyList<T> own, Func<T, string> id, Func<T, SourcePosition> position,
        RuleSetFile file, (List<string> Added, List<string> Replaced, List<string> Removed) changes, DiagnosticBag diagnostics)
    {
        var result = inherited?.ToList() ?? [];
        var seen = new Dictionary<string, SourcePosition>();
        foreach (var item in own)
        {
            var key = id(item);
            if (!seen.TryAdd(key, position(item)))
            {
                diagnostics.Add(position(item), $"duplicate {kind} id '{key}' (first defined at line {seen[key].Line})", kind == "rule" ? key : null);
                continue;
            }

            var index = result.FindIndex(existing => id(existing) == key);
            if (index >= 0) { result[index] = item; changes.Replaced.Add($"{kind} {key}"); }
            else { result.Add(item); if (inherited is not null) changes.Added.Add($"{kind} {key}"); }
        }

        var section = kind == "parameter" ? "parameters" : kind + "s";
        if (file.Removals.TryGetValue(section, out var removals))
        {
            foreach (var (key, at) in removals)
            {
                if (seen.ContainsKey(key)) diagnostics.Add(at, $"{kind} '{key}' is both defined and removed in this file");
                else if (result.RemoveAll(existing => id(existing) == key) == 0)
                    diagnostics.Add(at, $"cannot remove {kind} '{key}': version '{file.Extends}' has no such {kind}");
                else changes.Removed.Add($"{kind} {key}");
            }
        }

        return result;
    }

    /// <summary>Moves rules that name <c>insert_before</c> in front of that rule (priority within an outcome).</summary>
    private static List<RuleDefinition> PlaceInsertedRules(List<RuleDefinition> rules, RuleSetFile file, DiagnosticBag diagnostics)
    {
        foreach (var rule in file.Rules.Where(r => r.InsertBefore is not null))
        {
            var index = rules.FindIndex(r => ReferenceEquals(r, rule));
            if (index < 0) continue;
            rules.RemoveAt(index);
            var target = rules.FindIndex(r => r.Id == rule.InsertBefore);
            if (target < 0)
            {
                diagnostics.Add(rule.Position, $"insert_before names rule '{rule.InsertBefore}', which this version does not have", rule.Id);
                rules.Insert(index, rule);
            }
            else rules.Insert(target, rule);
        }

        return rules;
    }

    private static void CheckDateChain(List<RuleSetVersion> versions, Dictionary<string, RuleSetFile> files, DiagnosticBag diagnostics)
    {
        var inForce = versions.Where(v => !v.Planned && v.EffectiveFrom is not null).OrderBy(v => v.EffectiveFrom).ToList();
        for (var i = 0; i < inForce.Count; i++)
        {
            var version = inForce[i];
            var position = files[version.Version].Position;
            if (i == 0)
            {
                if (version.Extends is not null)
                    diagnostics.Add(position, $"the first in-force version ({version.Version}) must be complete and extend nothing");
                continue;
            }

            var previous = inForce[i - 1];
            if (version.Extends != previous.Version)
                diagnostics.Add(position, $"in-force version {version.Version} must extend its predecessor {previous.Version}, not '{version.Extends ?? "nothing"}'");
            if (previous.EffectiveUntil is { } until)
            {
                var expected = version.EffectiveFrom!.Value.AddDays(-1);
                if (until >= version.EffectiveFrom)
                    diagnostics.Add(files[previous.Version].Position, $"version {previous.Version} runs until {until:yyyy-MM-dd}, overlapping version {version.Version} from {version.EffectiveFrom:yyyy-MM-dd}");
                else if (until < expected)
                    diagnostics.Add(files[previous.Version].Position, $"gap: version {previous.Version} ends {until:yyyy-MM-dd} but the next version starts {version.EffectiveFrom:yyyy-MM-dd}; no version would be in force in between");
            }
        }

        // A planned change is drafted against the newest law: one that still extends a superseded version would silently
        // leave out every change made since (the law-change workflow's "planned → enacted" step moves it up).
        if (inForce.Count == 0) return;
        var newest = inForce[^1];
        foreach (var planned in versions.Where(v => v.Planned && v.Extends is not null))
        {
            var index = inForce.FindIndex(v => v.Version == planned.Extends);
            if (index >= 0 && index < inForce.Count - 1)
                diagnostics.Add(files[planned.Version].Position,
                    $"planned version {planned.Version} extends {planned.Extends}, which version {inForce[index + 1].Version} (from {inForce[index + 1].EffectiveFrom:yyyy-MM-dd}) supersedes: " +
                    $"extend {newest.Version}, or its changes since {planned.Extends} are missing from the plan (docs/law-change-workflow.md, 'Planned → enacted')");
        }
    }
}
