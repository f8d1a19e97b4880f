namespace EligibilityEngine.RuleSets;

/// <summary>The prose of a rule file (titles, summaries, descriptions, explanations) as people read it.</summary>
public static class RuleText
{
    /// <summary>Whitespace folded to single spaces: re-wrapping a YAML string does not change the text people read,
    /// nor the version's content hash.</summary>
    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
