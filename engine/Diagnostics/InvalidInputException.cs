namespace EligibilityEngine.Diagnostics;

/// <summary>Thrown when a rule file or case file cannot be used; carries every problem found.</summary>
public sealed class InvalidInputException(string summary, IReadOnlyList<Diagnostic> diagnostics)
    : Exception(summary + Environment.NewLine + string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
