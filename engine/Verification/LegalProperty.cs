using EligibilityEngine.Compilation;
using EligibilityEngine.Conditions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Verification;

/// <summary>
/// A legal property of the rules, written beside them (<c>rules/beschut-werk/properties/*.yaml</c>): a Dutch statement with
/// its source, the versions it applies to, and either a formula in the condition language over the case and its decision
/// that no case may make false (<see cref="Holds"/>), or a fact that may never change the listed outcomes
/// (<see cref="UnchangedBy"/>).
/// </summary>
/// <param name="Versions">The versions by name; null: every version (or those from <paramref name="FromVersion"/> on).</param>
/// <param name="FromVersion">The in-force versions from this one on, and every planned version.</param>
/// <param name="ExpectedViolation">Why the property is known to be violated: a defect of the law itself, recorded.</param>
public sealed record LegalProperty(
    string Id,
    string Statement,
    string Citation,
    string? Url,
    IReadOnlyList<string>? Versions,
    string? FromVersion,
    LocatedText? Holds,
    string? UnchangedBy,
    IReadOnlyList<string> Outcomes,
    string? ExpectedViolation,
    SourcePosition Position)
{
    public Node? Formula { get; init; }

    /// <summary>What the property asks, as written: its formula, or the fact and the outcomes it may not change. Kept with
    /// a verification result, so that a result is not shown for a property that reads otherwise now.</summary>
    public string Definition => Holds is not null ? Holds.Text : $"unchanged_by {UnchangedBy}: {string.Join(", ", Outcomes)}";

    public bool AppliesTo(CompiledRuleSet set, RuleLibrary library)
    {
        if (Versions is not null) return Versions.Contains(set.Version.Version);
        if (FromVersion is null || set.Version.Planned) return true;
        return set.Version.EffectiveFrom >= library.Resolve(FromVersion).Version.EffectiveFrom;
    }
}

/// <summary>Reads the property files of a folder; every error with file:line:column, as for a rule.</summary>
public static class PropertyFileReader
{
    public static IReadOnlyList<LegalProperty> Load(string directory, RuleLibrary library, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(directory)) return [];
        var properties = new List<LegalProperty>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var root = YamlDocumentLoader.LoadMapping(File.ReadAllText(file), file, diagnostics);
            if (root is null) continue;
            root.AllowOnly("properties");
            foreach (var map in root.MapList("properties", required: true))
                if (Read(map.WithRule(map.String("id", required: false)), library) is { } property)
                {
                    if (properties.Any(p => p.Id == property.Id)) map.Error($"duplicate property id '{property.Id}'");
                    else properties.Add(property);
                }
        }

        return properties;
    }

    private static LegalProperty? Read(YamlMap map, RuleLibrary library)
    {
        map.AllowOnly("id", "statement", "source", "versions", "from_version", "holds", "unchanged_by", "outcomes", "expected", "reason");
        var errors = map.Context.Diagnostics.Items.Count;
        var id = map.String("id", required: true);
        var statement = map.String("statement", required: true);
        var source = map.Map("source", required: true);
        source?.AllowOnly("citation", "url");
        var citation = source?.String("citation", required: true);
        var versions = map.Find("versions") is null ? null : map.StringList("versions", required: true).Select(v => v.Value).ToList();
        foreach (var v in versions ?? []) if (library.Versions.All(s => s.Version.Version != v)) map.Error(map.Find("versions")!, $"no version '{v}'");
        var from = map.String("from_version", required: false);
        if (from is not null && library.Versions.All(s => s.Version.Version != from)) map.Error(map.Find("from_version")!, $"no version '{from}'");
        var holds = RuleSetFileReader.Located(map, "holds", required: false);
        var expected = map.String("expected", required: false);
        var reason = map.String("reason", required: false);
        var unchangedBy = map.String("unchanged_by", required: false);
        var builtIn = id?.StartsWith(BuiltIn.Prefix, StringComparison.Ordinal) == true;
        if (!builtIn && (holds is null) == (unchangedBy is null)) map.Error("a property says either 'holds: <formula>' or 'unchanged_by: <fact>'");
        if (builtIn && (holds is not null || unchangedBy is not null || expected is null))
            map.Error($"an entry for the built-in property '{id}' only records it as expected: violated, with a reason");
        if (unchangedBy is not null && !FactModel.CaseFields.ContainsKey(unchangedBy))
            map.Error(map.Find("unchanged_by")!, $"'{unchangedBy}' is not a fact of the case" + (Spelling.Closest(unchangedBy, FactModel.CaseFields.Keys) is { } s ? $"; did you mean '{s}'?" : ""));
        var outcomes = map.StringList("outcomes", required: unchangedBy is not null).Select(o => o.Value).ToList();
        if (expected is not null and not "violated") map.Error(map.Find("expected")!, "expected can only be 'violated'");
        if (expected is not null && string.IsNullOrWhiteSpace(reason)) map.Error("'expected: violated' needs a reason: the defect of the law it records");

        Node? formula = null;
        if (holds is not null)
        {
            try
            {
                formula = Parser.Parse(holds.Text);
            }
            catch (ConditionSyntaxException ex)
            {
                map.Context.Diagnostics.Add(holds.PositionAt(ex.Offset), ex.Message, id);
            }
        }

        if (map.Context.Diagnostics.Items.Count > errors) return null;
        var property = new LegalProperty(id!, statement!, citation!, source!.String("url", required: false), versions, from, holds, unchangedBy, outcomes,
            expected is null ? null : reason, map.Position) { Formula = formula };
        // Type-checked against every version it applies to, as a rule is against its own.
        foreach (var set in library.Versions.Where(v => property.AppliesTo(v, library)))
        {
            var encoding = VersionEncoding.Encode(new SmtScript(), set, new SymbolicCase("a", 1, 1), new TextUniverse());
            foreach (var outcome in outcomes.Where(o => encoding.Outcome(o) is null))
                map.Error(map.Find("outcomes")!, $"version {set.Version.Version} has no outcome '{outcome}'");
            if (formula is null) continue;
            try
            {
                new ConditionEncoder(new SmtScript(), encoding.Case, set.Version.Parameters, encoding, new TextUniverse()).Condition(formula);
            }
            catch (EncodingException ex)
            {
                map.Context.Diagnostics.Add(holds!.PositionAt(ex.Offset), $"{ex.Message} (in version {set.Version.Version})", id);
                break;
            }
        }

        return map.Context.Diagnostics.Items.Count > errors ? null : property;
    }
}
