namespace EligibilityEngine.Host;

/// <summary>Configuration section "Impact": case corpora an ImpactAnalysis call may name instead of streaming cases.</summary>
public sealed class ImpactOptions
{
    public const string Section = "Impact";

    /// <summary>Corpus name → a case folder or batch file (relative paths are found as for Rules:Directory).</summary>
    public Dictionary<string, string> Corpora { get; set; } = [];
}
