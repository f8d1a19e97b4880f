using System.Linq.Expressions;

namespace EligibilityEngine.Compilation;

/// <summary>
/// A delegate that starts interpreted and is replaced by JIT-compiled code later. Compiling expression trees to IL
/// costs far more than interpreting them (the JIT optimises every dynamic method fully), so a version is usable at once
/// and becomes fast when <see cref="Promote"/> has run. Both run the same expression tree. The interpreted delegate
/// is made on first use: validating a folder (a refused change, `eligibility validate`) builds no delegate at all.
/// </summary>
public sealed class Tiered<TDelegate> : ITiered where TDelegate : Delegate
{
    private readonly Expression<TDelegate> _tree;
    private TDelegate? _current;

    public Tiered(Expression<TDelegate> tree, bool interpretFirst)
    {
        _tree = tree;
        if (!interpretFirst) _current = tree.Compile();
        _compiled = !interpretFirst;
    }

    /// <summary>The delegate to call now; compiled conditions read this field on every call.</summary>
    public TDelegate Current => Volatile.Read(ref _current) ?? Interpret();

    // Two threads may both build it on first use: the first one stays, and never replaces compiled code.
    private TDelegate Interpret()
    {
        var interpreted = _tree.Compile(preferInterpretation: true);
        return Interlocked.CompareExchange(ref _current, interpreted, null) ?? interpreted;
    }

    /// <summary>Whether <see cref="Current"/> is the compiled delegate; set after it, so a reader that sees true
    /// and then reads <see cref="Current"/> gets compiled code.</summary>
    public bool IsCompiled => _compiled;

    private volatile bool _compiled;

    public void Promote()
    {
        if (_compiled) return;
        Volatile.Write(ref _current, _tree.Compile());
        _compiled = true;
    }
}

/// <summary>Something that can be promoted from interpreted to compiled code.</summary>
public interface ITiered
{
    bool IsCompiled { get; }

    void Promote();
}
