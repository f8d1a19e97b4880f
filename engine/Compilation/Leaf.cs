namespace EligibilityEngine.Compilation;

public enum LeafKind { Fact, TableRow, Criterion, Finding, Outcome }

/// <summary>
/// Something a condition reads that may be unknown: a fact, a table row, or another rule's conclusion. When a
/// condition ends unknown, the leaves it found unknown become the decision's missing facts.
/// </summary>
public sealed record Leaf(LeafKind Kind, string Path, string Label, int Index);
