using EligibilityEngine.Diagnostics;

namespace EligibilityEngine.RuleSets;

public enum ParameterType { Integer, Decimal, Money, Percentage, Date, Boolean, Text, List, Table }

/// <summary>
/// A named value a rule may read as <c>param.name</c>, with its legal source. Scalars hold a decimal, DateOnly,
/// bool or string in <see cref="Value"/>; lists hold <see cref="Items"/>; tables hold <see cref="Table"/>.
/// </summary>
public sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    string SourceId,
    string? Description,
    object? Value,
    ParameterType? ItemType,
    IReadOnlyList<object> Items,
    ParameterTable? Table,
    SourcePosition Position);
