namespace EligibilityEngine.Diagnostics;

/// <summary>Collects every problem so that a file is reported whole, not stopped at the first error.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    /// <summary>Characters of a message kept: a message quoting a 2 MB line of a broken file is cut, not repeated whole
    /// into every log and terminal.</summary>
    public const int MaxMessageLength = 400;

    public void Add(SourcePosition position, string message, string? ruleId = null, string? field = null) =>
        _items.Add(new Diagnostic(position, message.Length <= MaxMessageLength ? message : $"{message[..MaxMessageLength]}… ({message.Length} characters)", ruleId, field));
}
