using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Conditions;

/// <summary>What names a version's conditions can reach: its parameters, criteria, findings and outcomes.</summary>
internal sealed class CompileScope
{
    public required IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; init; }

    public required IReadOnlyDictionary<string, int> Criteria { get; init; }

    public required IReadOnlyDictionary<string, int> Findings { get; init; }

    public required IReadOnlyDictionary<string, (int Index, CodeDomain Domain)> Outcomes { get; init; }

    public List<Leaf> Leaves { get; } = [];

    private readonly Dictionary<(LeafKind, string), int> _leafIndex = [];

    public int Leaf(LeafKind kind, string path, string label, int index = -1)
    {
        if (_leafIndex.TryGetValue((kind, path), out var existing)) return existing;
        Leaves.Add(new Leaf(kind, path, label, index));
        return _leafIndex[(kind, path)] = Leaves.Count - 1;
    }
}

/// <summary>A reference from one rule to another rule's conclusion; it orders the rules into strata.</summary>
internal readonly record struct Dependency(ConclusionKind Kind, string Target, bool Negated, int Offset);
