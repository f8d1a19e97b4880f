using System.Linq.Expressions;
using EligibilityEngine.Conditions;
using ValueType = EligibilityEngine.Conditions.ValueType;

namespace EligibilityEngine.Facts;

/// <summary>
/// One declared fact a rule may read: its path in the condition language, its type, its Dutch label for
/// explanations, and how to read it from the owning record (which yields the run-time representation of the type).
/// </summary>
public sealed record FactField(string Path, ValueType Type, string DutchLabel, Func<Expression, Expression> Read);
