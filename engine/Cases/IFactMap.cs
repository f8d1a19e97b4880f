namespace EligibilityEngine.Cases;

/// <summary>
/// Keys and their values as <see cref="CaseReader"/> checks them, whatever the format: a YAML mapping (case files,
/// JSON, batches, rule tests, the web form; <see cref="YamlFactMap"/>) or a CSV row and the items of its list cells
/// (<see cref="CaseCsvReader"/>). The checks and their messages are the reader's, written once; a map only says what a
/// key holds and where, so each format's errors point into its own file.
/// </summary>
public interface IFactMap
{
    /// <summary>What <paramref name="key"/> holds.</summary>
    FactEntry Find(string key);

    /// <summary>Reports every key that is not one of <paramref name="allowed"/>, at the key.</summary>
    void AllowOnly(params string[] allowed);

    /// <summary>The mapping under <paramref name="key"/>; null when absent or null (an error when it is something else).</summary>
    IFactMap? Map(string key);

    /// <summary>The mappings listed under <paramref name="key"/>; none when absent or null (an error for anything else).</summary>
    IReadOnlyList<IFactMap> MapList(string key);

    /// <summary>The text under <paramref name="key"/>; null when absent or null (an error when it is not text).</summary>
    string? String(string key);

    /// <summary>Reports a problem with the value under <paramref name="key"/>, at that value.</summary>
    void ErrorAt(string key, string message, string? field = null);

    /// <summary>Reports a problem with the map as a whole, at the map.</summary>
    void Error(string message, string? field = null);
}

/// <summary>What a key of an <see cref="IFactMap"/> holds.</summary>
public enum FactEntryKind
{
    /// <summary>The key is not there.</summary>
    Absent,

    /// <summary>Written as null (YAML <c>~</c>, <c>null</c> or nothing): an unknown fact.</summary>
    Null,

    /// <summary>A text (a scalar), in <see cref="FactEntry.Text"/>.</summary>
    Text,

    /// <summary>A list or a mapping.</summary>
    Structure,
}

/// <param name="Text">The text when <paramref name="Kind"/> is <see cref="FactEntryKind.Text"/>.</param>
public readonly record struct FactEntry(FactEntryKind Kind, string? Text = null)
{
    public static FactEntry Absent => new(FactEntryKind.Absent);

    public bool Exists => Kind != FactEntryKind.Absent;

    /// <summary>A fact written as unknown: null, or the word <c>unknown</c>.</summary>
    public bool IsUnknown => Kind == FactEntryKind.Null || Text == "unknown";
}
