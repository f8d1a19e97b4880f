namespace EligibilityEngine.Diagnostics;

/// <summary>One problem found in a rule file or case file, with where it is and which rule it belongs to.</summary>
public sealed record Diagnostic(SourcePosition Position, string Message, string? RuleId = null)
{
    public override string ToString() =>
        RuleId is null ? $"{Position}: {Message}" : $"{Position}: [rule {RuleId}] {Message}";
}
