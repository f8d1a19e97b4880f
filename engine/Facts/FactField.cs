using System.Linq.Expressions;
using EligibilityEngine.Conditions;
using ValueType = EligibilityEngine.Conditions.ValueType;

namespace EligibilityEngine.Facts;

/// <summary>
/// One declared fact a rule may read: its path in the condition language, its type, its Dutch label for
/// explanations, and how to read it from the owning record (which yields the run-time representation of the type).
/// </summary>
/// <param name="Basis">The article that asks for this fact, as a person reads it next to the question (e.g. "BabW art. 3
/// lid 1 onder b"); null where no single article does.</param>
public sealed record FactField(string Path, ValueType Type, string DutchLabel, Func<Expression, Expression> Read, string? Basis = null);
