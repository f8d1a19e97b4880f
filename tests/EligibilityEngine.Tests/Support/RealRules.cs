using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Tests.Support;

/// <summary>The real beschut-werk rule library, loaded once for all tests.</summary>
public static class RealRules
{
    private static readonly Lazy<RuleLibrary> Loaded = new(() => RuleLibrary.Load(RepositoryPaths.Rules));

    public static RuleLibrary Library => Loaded.Value;
}
