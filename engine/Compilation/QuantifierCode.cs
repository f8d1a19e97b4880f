using System.Linq.Expressions;
using EligibilityEngine.Runtime;

namespace EligibilityEngine.Compilation;

/// <summary>
/// The quantifiers of the condition language (exists, count, sum, latest, earliest) written out as loops in the
/// condition's own code, with the <c>where</c> predicate inline: no delegate call per item. Unknown is carried as
/// everywhere: a predicate unknown for some item makes <c>exists</c> unknown unless another item makes it true;
/// <c>count</c> and <c>sum</c> are unknown as soon as one item is; an unknown collection (employees not given) makes
/// them all unknown. The item is a variable of the loop, read by the predicate and the field.
/// </summary>
internal static class QuantifierCode
{
    private static readonly ConstantExpression UnknownTruth = Expression.Constant(null, typeof(bool?));
    private static readonly ConstantExpression True = Expression.Constant(true, typeof(bool?));

    public static Expression Exists(Expression items, ParameterExpression item, Expression? where)
    {
        var array = Expression.Variable(items.Type, "items");
        var unknown = Expression.Variable(typeof(bool), "unknown");
        var match = Expression.Variable(typeof(bool?), "match");
        var done = Expression.Label(typeof(bool?), "exists");
        return Expression.Block(typeof(bool?), [array, unknown, match],
            Expression.Assign(array, items),
            Expression.IfThen(Expression.Not(ConditionCompiler.Known(array)), Expression.Return(done, UnknownTruth)),
            // Every variable is set before it is read: the expression compiler reuses a block's locals and does not
            // clear them, so a variable left unset would hold what another quantifier left in it.
            Expression.Assign(unknown, Expression.Constant(false)),
            ForEach(array, item, latestFirst: false,
                Expression.Assign(match, where ?? True),
                Expression.IfThen(Expression.Equal(match, True), Expression.Return(done, True)),
                Expression.IfThen(Expression.Not(ConditionCompiler.Known(match)), Expression.Assign(unknown, Expression.Constant(true)))),
            Expression.Label(done, Expression.Condition(unknown, UnknownTruth, Expression.Constant(false, typeof(bool?)))));
    }

    public static Expression Count(Expression items, ParameterExpression item, Expression? where)
    {
        var array = Expression.Variable(items.Type, "items");
        var count = Expression.Variable(typeof(int), "count");
        var match = Expression.Variable(typeof(bool?), "match");
        var done = Expression.Label(typeof(decimal?), "count");
        var unknown = Expression.Constant(null, typeof(decimal?));
        return Expression.Block(typeof(decimal?), [array, count, match],
            Expression.Assign(array, items),
            Expression.IfThen(Expression.Not(ConditionCompiler.Known(array)), Expression.Return(done, unknown)),
            Expression.Assign(count, Expression.Constant(0)),
            where is null
                ? Expression.Assign(count, Expression.ArrayLength(array))
                : ForEach(array, item, latestFirst: false,
                    Expression.Assign(match, where),
                    Expression.IfThen(Expression.Not(ConditionCompiler.Known(match)), Expression.Return(done, unknown)),
                    Expression.IfThen(Expression.Equal(match, True), Expression.PreIncrementAssign(count))),
            Expression.Label(done, Expression.Convert(count, typeof(decimal?))));
    }

    /// <summary>The sum of <paramref name="field"/> (a number of the item) over the matching items.</summary>
    public static Expression Sum(Expression items, ParameterExpression item, Expression? where, Expression field)
    {
        var array = Expression.Variable(items.Type, "items");
        var sum = Expression.Variable(typeof(decimal), "sum");
        var match = Expression.Variable(typeof(bool?), "match");
        var value = Expression.Variable(typeof(decimal?), "value");
        var done = Expression.Label(typeof(decimal?), "sum");
        var unknown = Expression.Constant(null, typeof(decimal?));
        return Expression.Block(typeof(decimal?), [array, sum, match, value],
            Expression.Assign(array, items),
            Expression.IfThen(Expression.Not(ConditionCompiler.Known(array)), Expression.Return(done, unknown)),
            Expression.Assign(sum, Expression.Constant(0m)),
            ForEach(array, item, latestFirst: false,
                Expression.Assign(match, where ?? True),
                Expression.IfThen(Expression.Not(ConditionCompiler.Known(match)), Expression.Return(done, unknown)),
                Expression.IfThen(Expression.Equal(match, True), Expression.Block(
                    Expression.Assign(value, field),
                    Expression.IfThen(Expression.Not(ConditionCompiler.Known(value)), Expression.Return(done, unknown)),
                    Expression.AddAssign(sum, Expression.Property(value, nameof(Nullable<decimal>.Value)))))),
            Expression.Label(done, Expression.Convert(sum, typeof(decimal?))));
    }

    /// <summary>The field of the latest (or earliest) matching item; unknown when none matches, and then nothing is
    /// missing, or when an item before it in that order is unknown to match. A matching item whose field is unknown
    /// records the field as missing (<paramref name="leaf"/>).</summary>
    public static Expression Pick(Expression items, ParameterExpression item, Expression? where, Expression field, bool latest, int leaf, ParameterExpression state)
    {
        var array = Expression.Variable(items.Type, "items");
        var match = Expression.Variable(typeof(bool?), "match");
        var value = Expression.Variable(field.Type, "value");
        var done = Expression.Label(field.Type, latest ? "latest" : "earliest");
        var none = Expression.Default(field.Type);
        return Expression.Block(field.Type, [array, match, value],
            Expression.Assign(array, items),
            Expression.IfThen(Expression.Not(ConditionCompiler.Known(array)), Expression.Return(done, none)),
            ForEach(array, item, latestFirst: latest,
                Expression.Assign(match, where ?? True),
                Expression.IfThen(Expression.Not(ConditionCompiler.Known(match)), Expression.Return(done, none)),
                Expression.IfThen(Expression.Equal(match, True), Expression.Block(
                    Expression.Assign(value, field),
                    Expression.IfThen(Expression.Not(ConditionCompiler.Known(value)),
                        Expression.Call(state, nameof(EvaluationState.MarkMissing), null, Expression.Constant(leaf), Expression.Constant(null, typeof(string)))),
                    Expression.Return(done, value)))),
            Expression.Label(done, none));
    }

    /// <summary>The body once per item of <paramref name="array"/>, the item in <paramref name="item"/>: oldest first,
    /// or latest first.</summary>
    private static Expression ForEach(ParameterExpression array, ParameterExpression item, bool latestFirst, params Expression[] body)
    {
        var index = Expression.Variable(typeof(int), "i");
        var end = Expression.Label("end");
        return Expression.Block([index, item],
            Expression.Assign(index, latestFirst ? Expression.Decrement(Expression.ArrayLength(array)) : Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    latestFirst ? Expression.LessThan(index, Expression.Constant(0)) : Expression.GreaterThanOrEqual(index, Expression.ArrayLength(array)),
                    Expression.Break(end),
                    Expression.Block(
                        [Expression.Assign(item, Expression.ArrayIndex(array, index)), .. body,
                         latestFirst ? Expression.PreDecrementAssign(index) : Expression.PreIncrementAssign(index)])),
                end));
    }
}
