using System.Linq.Expressions;

namespace EligibilityEngine.Conditions;

/// <summary>
/// A delegate that starts interpreted and is replaced by JIT-compiled code later. Compiling expression trees to IL
/// costs far more than interpreting them (the JIT optimises every dynamic method fully), so a version is usable at once
/// and becomes fast when <see cref="Promote"/> has run. Both run the same expression tree.
/// </summary>
public sealed class Tiered<TDelegate> : ITiered where TDelegate : Delegate
{
    private readonly Expression<TDelegate> _tree;
    private volatile TDelegate _current;

    public Tiered(Expression<TDelegate> tree, bool interpretFirst)
    {
        _tree = tree;
        _current = tree.Compile(preferInterpretation: interpretFirst);
        IsCompiled = !interpretFirst;
    }

    /// <summary>The delegate to call now; compiled conditions read this field on every call.</summary>
    public TDelegate Current => _current;

    public bool IsCompiled { get; private set; }

    public void Promote()
    {
        if (IsCompiled) return;
        _current = _tree.Compile();
        IsCompiled = true;
    }
}

/// <summary>Something that can be promoted from interpreted to compiled code.</summary>
public interface ITiered
{
    bool IsCompiled { get; }

    void Promote();
}
