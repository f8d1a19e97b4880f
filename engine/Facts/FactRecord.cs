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
