namespace EligibilityEngine.Host.Security;

/// <summary>
/// The OAuth scopes, one per capability (NL GOV OAuth profile: a token carries the scopes its client may use), and which
/// scope each method of eligibility.v1.EligibilityService needs. The same on gRPC and on the JSON side, whose
/// operations are the same methods.
/// </summary>
public static class Scopes
{
    /// <summary>Judge cases: Evaluate, EvaluateBatch.</summary>
    public const string Evaluate = "beoordelen";

    /// <summary>Read the rule sets: ListRuleSets, GetRuleSet, DiffRuleSets.</summary>
    public const string ReadRuleSets = "regelsets-lezen";

    /// <summary>Impact analysis over cases (impactanalyse): ImpactAnalysis, AnalyzeImpact.</summary>
    public const string Impact = "impact";

    /// <summary>Read the audit log of decisions (for auditors): GetDecisionRecord, ListDecisionRecords.</summary>
    public const string ReadAudit = "audit-lezen";

    public static readonly IReadOnlyList<string> All = [Evaluate, ReadRuleSets, Impact, ReadAudit];

    /// <summary>The scope a method of the service needs; a method not listed here is a programming error.</summary>
    public static string For(string methodName) => methodName switch
    {
        "Evaluate" or "EvaluateBatch" => Evaluate,
        "ListRuleSets" or "GetRuleSet" or "DiffRuleSets" => ReadRuleSets,
        "ImpactAnalysis" or "AnalyzeImpact" => Impact,
        "GetDecisionRecord" or "ListDecisionRecords" => ReadAudit,
        _ => throw new ArgumentOutOfRangeException(nameof(methodName), methodName, "no scope is assigned to this method"),
    };
}
