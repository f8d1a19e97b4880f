using System.Linq.Expressions;
using System.Reflection;

namespace EligibilityEngine.Facts;

/// <summary>
/// Builds a fact record (Person, Application, Municipality, CaseEvent, Employee) from its values by property name, as the
/// readers of cases collect them from <see cref="FactModel"/>: a record's constructor takes its properties by name, and a
/// property not given is null (unknown).
/// </summary>
public static class FactRecord
{
    public static T Build<T>(IReadOnlyDictionary<string, object?> values) =>
        Constructor<T>.New(Array.ConvertAll(Constructor<T>.Names, values.GetValueOrDefault));

    /// <summary>The arguments of the record's constructor, all null (unknown), to fill by <see cref="Argument{T}"/> and
    /// build with <see cref="New{T}"/>: a reader that maps many records (a request's contracts) needs no dictionary each.</summary>
    public static object?[] Arguments<T>() => new object?[Constructor<T>.Names.Length];

    /// <summary>The place of a property among the constructor's arguments.</summary>
    public static int Argument<T>(string property) => Array.IndexOf(Constructor<T>.Names, property) is var index and >= 0
        ? index
        : throw new ArgumentException($"{typeof(T).Name} has no property '{property}'", nameof(property));

    public static T New<T>(object?[] arguments) => Constructor<T>.New(arguments);

    // Compiled once per record type: a corpus of 100,000 cases builds each record 100,000 times.
    private static class Constructor<T>
    {
        private static readonly ConstructorInfo Info = typeof(T).GetConstructors().Single();

        public static readonly string[] Names = Info.GetParameters().Select(p => p.Name!).ToArray();

        public static readonly Func<object?[], T> New = Compile();

        private static Func<object?[], T> Compile()
        {
            var values = Expression.Parameter(typeof(object?[]), "values");
            var arguments = Info.GetParameters().Select((p, i) => Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), p.ParameterType));
            return Expression.Lambda<Func<object?[], T>>(Expression.New(Info, arguments), values).Compile();
        }
    }
}
