namespace EligibilityEngine.GrpcHost;

/// <summary>Configuration section "Rules": where the rule-set versions are.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    public string Directory { get; set; } = "rules/beschut-werk";
}
