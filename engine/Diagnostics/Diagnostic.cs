namespace EligibilityEngine.Diagnostics;

/// <summary>One problem found in a rule file or case file, with where it is and which rule it belongs to.</summary>
/// <param name="Field">The case fact the problem is about, by its path in the case format (<c>person.date_of_birth</c>,
/// <c>events[2].date</c>), when it is about one: the web form puts the message at that field, whatever the text's
/// lines.</param>
public sealed record Diagnostic(SourcePosition Position, string Message, string? RuleId = null, string? Field = null)
{
    public override string ToString() =>
        RuleId is null ? $"{Position}: {Message}" : $"{Position}: [rule {RuleId}] {Message}";
}
