namespace EligibilityEngine.Compilation;

/// <summary>How a version's expression trees become runnable code.</summary>
public enum CompileMode
{
    /// <summary>Usable at once (interpreted); promoted to JIT-compiled code in the background once the version has made
    /// <see cref="CompiledRuleSet.EvaluationsBeforePromotion"/> evaluations. The default.</summary>
    Tiered,

    /// <summary>JIT-compiled before the version is returned: slower to load, fastest from the first case.</summary>
    Compiled,

    /// <summary>Interpreted only: fastest to load, for one-off runs and for checking the two paths agree.</summary>
    Interpreted,
}
