using System.Linq.Expressions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Compilation;

/// <summary>What names a version's conditions can reach: its parameters, criteria, findings and outcomes.</summary>
internal sealed class CompileScope
{
    public required IReadOnlyDictionary<string, ParameterDefinition> Parameters { get; init; }

    public required IReadOnlyDictionary<string, int> Criteria { get; init; }

    public required IReadOnlyDictionary<string, int> Findings { get; init; }

    public required IReadOnlyDictionary<string, (int Index, CodeDomain Domain)> Outcomes { get; init; }

    public List<Leaf> Leaves { get; } = [];

    /// <summary>Start every delegate interpreted (promoted later) rather than JIT-compiled at once.</summary>
    public required bool InterpretFirst { get; init; }

    /// <summary>Every delegate made for this version, to promote to compiled code.</summary>
    public List<ITiered> Delegates { get; } = [];

    public Tiered<TDelegate> Tiered<TDelegate>(Expression<TDelegate> tree) where TDelegate : Delegate
    {
        var tiered = new Tiered<TDelegate>(tree, InterpretFirst);
        Delegates.Add(tiered);
        return tiered;
    }

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
