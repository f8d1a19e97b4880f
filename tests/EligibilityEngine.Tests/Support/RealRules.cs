
namespace EligibilityEngine.Tests.Support;

/// <summary>The real beschut-werk rule library, loaded once for all tests.</summary>
public static class RealRules
{
    private static readonly Lazy<RuleLibrary> Loaded = new(() => RuleLibrary.Load(RepositoryPaths.Rules));

    public static RuleLibrary Library => Loaded.Value;

    /// <summary>The Dutch label a person reads for an outcome's value, under the version in force on the date.</summary>
    public static string Label(DateOnly asOf, string outcome, string value, string? version = null) =>
        Library.Select(asOf, version).Version.Outcomes.Single(o => o.Id == outcome).Label(value);
}
