namespace EligibilityEngine.Diagnostics;

/// <summary>Collects every problem so that a file is reported whole, not stopped at the first error.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Add(SourcePosition position, string message, string? ruleId = null) =>
        _items.Add(new Diagnostic(position, message, ruleId));
}
