using EligibilityEngine.Compilation;
using EligibilityEngine.Runtime;
namespace EligibilityEngine.Evaluation;

/// <summary>
/// Missing facts per rule, expanded through the criteria, findings and outcomes a rule read. A rule is captured when
/// its condition ends unknown, right after it ran: every conclusion it read is final by then, in either engine.
/// </summary>
internal sealed class MissingRecorder(CompiledRuleSet set)
{
    private readonly List<string>?[] _byRule = new List<string>?[set.Rules.Length];
    private readonly Dictionary<string, string> _labels = [];

    public void CaptureRule(int rule, EvaluationState state)
    {
        var paths = new List<string>();
        for (var k = 0; k < state.MissingCount; k++)
        {
            var leaf = set.Leaves[state.MissingLeaves[k]];
            switch (leaf.Kind)
            {
                case LeafKind.Fact:
                    AddPath(paths, leaf.Path, leaf.Label);
                    break;
                case LeafKind.TableRow:
                    var detail = state.MissingDetails[k];
                    AddPath(paths, $"{leaf.Path}[{detail}]", $"{leaf.Label} ({detail}) ontbreekt in de tabel");
                    break;
                case LeafKind.Criterion:
                    AddAll(paths, ForRule(set.Criteria[leaf.Index].Rule));
                    break;
                case LeafKind.Finding:
                    AddAll(paths, ForRules(set.Findings[leaf.Index].Rules.Where(p => state.RuleResults[p] == EvaluationState.Unknown)));
                    break;
                case LeafKind.Outcome:
                    AddAll(paths, ForRules(Conclusions.UnknownBeforeFirstTrue(set, state.RuleResults, leaf.Index)));
                    break;
            }
        }

        _byRule[rule] = paths;
    }

    /// <summary>The rule's missing facts; a rule not captured (its condition did not end unknown) has none: the one
    /// shared empty list, as every part of a decision without missing facts has.</summary>
    public IReadOnlyList<string> ForRule(int rule) => (IReadOnlyList<string>?)_byRule[rule] ?? [];

    public IReadOnlyList<string> ForRules(IEnumerable<int> rules)
    {
        var paths = new List<string>();
        foreach (var r in rules) AddAll(paths, ForRule(r));
        return paths;
    }

    public string LabelOf(string path) => _labels.GetValueOrDefault(path, path);

    private void AddPath(List<string> paths, string path, string label)
    {
        _labels.TryAdd(path, label);
        if (!paths.Contains(path)) paths.Add(path);
    }

    private static void AddAll(List<string> paths, IEnumerable<string> more)
    {
        foreach (var p in more)
            if (!paths.Contains(p)) paths.Add(p);
    }
}
