using EligibilityEngine.Conditions;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Runtime;
using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.Compilation;

/// <summary>
/// Validates a complete version and compiles it: sources and parameters referenced exist, every condition type-checks,
/// outcome values are declared, and the rules can be ordered so that every producer runs before its readers (a rule
/// that depends on itself, directly or through others, is rejected — in particular through negation).
/// </summary>
public static class RuleSetCompiler
{
    public static CompiledRuleSet? Compile(RuleSetVersion version, DiagnosticBag diagnostics, CompileMode mode = CompileMode.Tiered)
    {
        var sources = new Dictionary<string, LegalSource>();
        foreach (var s in version.Sources) sources.TryAdd(s.Id, s);

        foreach (var p in version.Parameters.Where(p => !sources.ContainsKey(p.SourceId)))
            diagnostics.Add(p.Position, $"parameter '{p.Name}' cites unknown source '{p.SourceId}'");

        var criteria = new Dictionary<string, int>();
        var findings = new Dictionary<string, int>();
        foreach (var rule in version.Rules)
        {
            if (!sources.ContainsKey(rule.SourceId))
                diagnostics.Add(rule.Position, $"unknown source '{rule.SourceId}'" + SpellingHint(rule.SourceId, sources.Keys), rule.Id);
            if (rule.Kind == ConclusionKind.Criterion)
            {
                if (!criteria.TryAdd(rule.Target, criteria.Count))
                    diagnostics.Add(rule.Position, $"criterion '{rule.Target}' is already decided by another rule; a criterion has exactly one rule", rule.Id);
            }
            else if (rule.Kind == ConclusionKind.Finding) findings.TryAdd(rule.Target, findings.Count);
        }

        var outcomes = new Dictionary<string, (int, CodeDomain)>();
        foreach (var o in version.Outcomes)
        {
            if (!outcomes.TryAdd(o.Id, (outcomes.Count, new CodeDomain(o.Id, o.Values))))
                diagnostics.Add(o.Position, $"duplicate outcome '{o.Id}'");
            if (o.Values.Contains(o.UndeterminedValue))
                diagnostics.Add(o.Position, $"outcome '{o.Id}': the undetermined value '{o.UndeterminedValue}' must differ from its decided values");
        }

        var scope = new CompileScope
        {
            Parameters = version.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First()),
            Criteria = criteria,
            Findings = findings,
            Outcomes = outcomes,
            InterpretFirst = mode != CompileMode.Compiled,
        };

        var compiled = new List<CompiledRule>();
        var dependencies = new List<List<Dependency>>();
        var canonical = new Dictionary<string, string>();
        for (var index = 0; index < version.Rules.Count; index++)
        {
            var rule = version.Rules[index];
            var valueIndex = -1;
            if (rule.Kind == ConclusionKind.Outcome)
            {
                var outcome = version.Outcomes.FirstOrDefault(o => o.Id == rule.Target);
                if (outcome is null)
                    diagnostics.Add(rule.Position, $"outcome '{rule.Target}' is not declared under 'outcomes'" + SpellingHint(rule.Target, outcomes.Keys), rule.Id);
                else if ((valueIndex = outcome.Values.ToList().IndexOf(rule.Value!)) < 0)
                    diagnostics.Add(rule.Position, $"'{rule.Value}' is not a value of outcome '{rule.Target}' ({string.Join(", ", outcome.Values)})", rule.Id);
            }

            var compiler = new ConditionCompiler(scope, rule.When, rule.Id, diagnostics);
            Tiered<Func<EvaluationState, bool?>>? condition = null;
            try
            {
                var ast = Parser.Parse(rule.When.Text);
                canonical[rule.Id] = ConditionPrinter.Print(ast);
                condition = compiler.CompileCondition(ast) is { } tree ? scope.Tiered(tree) : null;
            }
            catch (ConditionSyntaxException ex)
            {
                diagnostics.Add(rule.When.PositionAt(ex.Offset), ex.Message, rule.Id);
            }

            var templates = rule.Explanations.ToDictionary(e => e.Key, e => ExplanationTemplate.Compile(e.Value, scope, rule.Id, diagnostics));
            var source = sources.GetValueOrDefault(rule.SourceId);
            dependencies.Add(compiler.Dependencies);
            compiled.Add(new CompiledRule
            {
                Definition = rule,
                Citation = new Citation(rule.SourceId, source?.Citation ?? "", source?.Url),
                Code = condition ?? scope.Tiered<Func<EvaluationState, bool?>>(_ => null),
                ConditionText = canonical.GetValueOrDefault(rule.Id, rule.When.Text),
                TargetIndex = rule.Kind switch
                {
                    ConclusionKind.Criterion => criteria.GetValueOrDefault(rule.Target),
                    ConclusionKind.Finding => findings.GetValueOrDefault(rule.Target),
                    _ => outcomes.TryGetValue(rule.Target, out var o) ? o.Item1 : -1,
                },
                ValueIndex = valueIndex,
                Explanations = templates,
                FactsRead = compiler.FactsRead.ToList(),
                Reads = compiler.Dependencies.Select(d => (d.Kind, d.Kind switch
                {
                    ConclusionKind.Criterion => criteria[d.Target],
                    ConclusionKind.Finding => findings[d.Target],
                    _ => outcomes[d.Target].Item1,
                })).Distinct().ToList(),
                FileIndex = index,
            });
        }

        var undeterminedTemplates = version.Outcomes.Select(o => ExplanationTemplate.Compile(o.UndeterminedExplanation, scope, null, diagnostics)).ToList();
        foreach (var o in version.Outcomes.Where(o => version.Rules.All(r => r.Kind != ConclusionKind.Outcome || r.Target != o.Id)))
            diagnostics.Add(o.Position, $"outcome '{o.Id}' is declared but no rule concludes it");

        var order = Stratify(compiled, dependencies, diagnostics);
        // Any error, also one found while reading the files (a table whose key columns did not read), means the folder
        // is refused: the canonical form and hash are not built from parts that may be missing.
        if (diagnostics.HasErrors || order is null) return null;

        var rules = order.Select(i => compiled[i]).ToList();
        var position = rules.Select((r, i) => (r.FileIndex, i)).ToDictionary(x => x.FileIndex, x => x.i);
        var outcomeProducers = version.Outcomes.Select(o => compiled
            .Where(r => r.Definition.Kind == ConclusionKind.Outcome && r.Definition.Target == o.Id)
            .Select(r => position[r.FileIndex]).ToArray()).ToList();
        for (var o = 0; o < outcomeProducers.Count; o++)
        {
            var last = outcomeProducers[o].Max();
            rules[last].ResolvesOutcomes = [.. rules[last].ResolvesOutcomes, o];
        }

        var traceFacts = rules.SelectMany(r => r.FactsRead).Distinct().ToList();
        var traceIndex = traceFacts.Select((path, i) => (path, i)).ToDictionary(x => x.path, x => x.i);
        var canonicalVersion = CanonicalVersion.From(version, canonical);
        var hash = ContentHash.Compute(canonicalVersion);
        return new CompiledRuleSet
        {
            Version = version,
            Reference = new RuleSetReference(version.RuleSetId, version.Version, version.Title, version.Planned, hash),
            Canonical = canonicalVersion,
            Rules = [.. rules],
            Criteria = [.. compiled.Where(r => r.Definition.Kind == ConclusionKind.Criterion).Select(r => (r.Definition.Target, position[r.FileIndex]))],
            Findings = [.. findings.OrderBy(f => f.Value).Select(f => (f.Key, compiled
                .Where(r => r.Definition.Kind == ConclusionKind.Finding && r.Definition.Target == f.Key)
                .Select(r => position[r.FileIndex]).ToArray()))],
            Outcomes = [.. version.Outcomes.Select((o, i) => (o, outcomeProducers[i], undeterminedTemplates[i]))],
            Leaves = scope.Leaves,
            TraceFacts = [.. traceFacts.Select(path => (path, FactModel.TraceReaders.GetValueOrDefault(path) ?? EmployeesText))],
            TraceReads = [.. rules.Select(r => r.FactsRead.Select(path => traceIndex[path]).ToArray())],
            Delegates = scope.Delegates,
        };
    }

    // The one fact read that is not a value of the case: the municipality's employees, by their number.
    private static string EmployeesText(Case @case) =>
        @case.Municipality.Employees is { } list ? $"{list.Count} dienstbetrekking(en)" : "onbekend";

    private static string SpellingHint(string name, IEnumerable<string> candidates) =>
        Yaml.Spelling.Closest(name, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    /// <summary>
    /// Orders rules so that all producers of what a rule reads run before it. The stratum of a rule is the length of
    /// the longest producer chain before it (found with Kahn's algorithm); rules run stratum by stratum, in file order
    /// within a stratum, so the order is deterministic. Returns null after reporting any cycle.
    /// </summary>
    private static List<int>? Stratify(List<CompiledRule> rules, List<List<Dependency>> dependencies, DiagnosticBag diagnostics)
    {
        var producers = rules
            .Select((r, i) => (Key: (r.Definition.Kind, r.Definition.Target), Index: i))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToList());
        var edges = new List<(int From, int To, Dependency Via)>();
        for (var i = 0; i < rules.Count; i++)
            foreach (var d in dependencies[i])
                foreach (var p in producers.GetValueOrDefault((d.Kind, d.Target), []))
                    edges.Add((p, i, d));

        var indegree = new int[rules.Count];
        foreach (var e in edges) indegree[e.To]++;
        var ready = new SortedSet<int>(Enumerable.Range(0, rules.Count).Where(i => indegree[i] == 0));
        var order = new List<int>();
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next);
            foreach (var e in edges.Where(e => e.From == next))
            {
                rules[e.To].Stratum = Math.Max(rules[e.To].Stratum, rules[next].Stratum + 1);
                if (--indegree[e.To] == 0) ready.Add(e.To);
            }
        }

        // Layer by layer, file order within a layer: a valid order (every edge goes to a higher stratum) that reads well.
        if (order.Count == rules.Count) return order.OrderBy(i => rules[i].Stratum).ThenBy(i => i).ToList();

        var stuck = Enumerable.Range(0, rules.Count).Where(i => indegree[i] > 0).ToHashSet();
        foreach (var i in stuck.Order())
        {
            var inCycle = edges.Where(e => e.To == i && stuck.Contains(e.From)).ToList();
            var negated = inCycle.FirstOrDefault(e => e.Via.Negated);
            var others = string.Join(", ", inCycle.Select(e => rules[e.From].Definition.Id).Distinct());
            var message = negated.Via.Target is not null
                ? $"cycle through negation: this rule tests the absence of {negated.Via.Kind.ToString().ToLowerInvariant()} '{negated.Via.Target}', which depends on this rule's own conclusion (via {others})"
                : $"cycle: this rule depends on its own conclusion through {others}; rules must form layers";
            diagnostics.Add(rules[i].Definition.When.PositionAt((negated.Via.Target is null ? inCycle[0].Via : negated.Via).Offset), message, rules[i].Definition.Id);
        }

        return null;
    }
}
