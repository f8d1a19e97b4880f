using EligibilityEngine.RuleSets;

namespace EligibilityEngine.Host.Web.Forms;

/// <summary>The choice of a version of the rules: the one in force on the date (empty), or one by name, planned marked.</summary>
public sealed record VersionChoice(string Name, string Label, string Value, IReadOnlyList<RuleSetVersion> Versions, string InForceText)
{
    public string Id => CaseForm.Id(Name);
}
