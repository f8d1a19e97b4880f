using System.Linq.Expressions;
using System.Reflection;

namespace EligibilityEngine.Facts;

/// <summary>
/// One declared fact a rule may read: its path in the condition language, its type, its Dutch label for
/// explanations, and how to read it from the owning record (which yields the run-time representation of the type).
/// </summary>
/// <param name="Property">The property of the fact record (Person, Application, Municipality, CaseEvent, Employee) that
/// holds the fact; the case format names it in snake_case (<c>DateOfBirth</c> is <c>date_of_birth</c>).</param>
/// <param name="Syntax">How the fact is written in a case file: read with its checks and limits, and written back.</param>
/// <param name="Retired">Keys and codes of an earlier case format that this fact replaces, refused with what to write
/// instead.</param>
/// <param name="Basis">The article that asks for this fact, as a person reads it next to the question (e.g. "BabW art. 3
/// lid 1 onder b"); null where no single article does.</param>
public sealed record FactField(
    string Path, ValueType Type, string DutchLabel, Func<Expression, Expression> Read, PropertyInfo Property, FactSyntax Syntax,
    IReadOnlyList<RetiredAlias> Retired, string? Basis = null)
{
    private readonly Func<object, object?> _value = Getter(Property);

    /// <summary>The fact's key in its section, event or employee: <c>benefit</c> for <c>person.benefit</c>.</summary>
    public string Key { get; } = Path[(Path.IndexOf('.') + 1)..];

    /// <summary>The fact's value in its record, boxed as the property's type; null when unknown.</summary>
    public object? ValueIn(object record) => _value(record);

    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var record = Expression.Parameter(typeof(object), "record");
        var value = Expression.Property(Expression.Convert(record, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), record).Compile();
    }
}

/// <summary>
/// A key or a code of an earlier case format, refused with what to write instead rather than read into another meaning.
/// </summary>
/// <param name="Key">A retired key of the fact's section (person.can_work_at_regular_employer), or null.</param>
/// <param name="Code">A retired code of the fact itself (person.benefit 'wsw_indicatie'), or null.</param>
/// <param name="Refusal">The case reader's error, whole.</param>
public sealed record RetiredAlias(string? Key, string? Code, string Refusal);
