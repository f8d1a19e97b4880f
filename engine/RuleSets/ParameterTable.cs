using System.Globalization;

namespace EligibilityEngine.RuleSets;

/// <summary>One key column of a table parameter.</summary>
public sealed record TableKey(string Name, ParameterType Type);

/// <summary>Where a block of table rows comes from (e.g. one year's ministerial regulation), and how complete it is.</summary>
/// <param name="Status">complete, partial or illustrative.</param>
public sealed record TableRowSource(string Label, string Citation, string? Url, string Status, string File);

/// <summary>
/// A table parameter with one or two keys (text or integer), such as the quota per municipality and year. A key
/// that is absent is unknown, never zero.
/// </summary>
public sealed class ParameterTable(IReadOnlyList<TableKey> keys, ParameterType valueType)
{
    // Integer keys as long: hashing a decimal is several times slower, and table keys are whole numbers.
    private readonly Dictionary<(string?, long, string?, long), (decimal Value, int SourceIndex)> _rows = [];
    // A table with one number key (the AOW age per year) is also kept by that number: a look-up then hashes one long,
    // not a tuple of four. Both hold the same rows.
    private readonly Dictionary<long, decimal>? _byNumber = keys.Count == 1 && keys[0].Type != ParameterType.Text ? [] : null;
    private readonly bool _firstIsText = keys[0].Type == ParameterType.Text;
    private readonly bool _secondIsText = keys.Count > 1 && keys[1].Type == ParameterType.Text;
    private readonly bool _oneKey = keys.Count == 1;
    private readonly List<TableRowSource> _sources = [];

    public IReadOnlyList<TableKey> Keys { get; } = keys;

    public ParameterType ValueType { get; } = valueType;

    public IReadOnlyList<TableRowSource> Sources => _sources;

    public int Count => _rows.Count;

    public int AddSource(TableRowSource source)
    {
        _sources.Add(source);
        return _sources.Count - 1;
    }

    /// <summary>Adds a row; returns false when the key is already present.</summary>
    public bool TryAdd(IReadOnlyList<object> key, decimal value, int sourceIndex)
    {
        var row = ToKey(key);
        if (!_rows.TryAdd(row, (value, sourceIndex))) return false;
        _byNumber?.Add(row.Item2, value);
        return true;
    }

    /// <summary>Looks a row up; text keys in <paramref name="text1"/>/<paramref name="text2"/>, numbers in the others.</summary>
    public decimal? Find(string? text1, decimal? number1, string? text2, decimal? number2)
    {
        if (!KeysKnown(text1, number1, text2, number2)) return null;
        if (_byNumber is not null) return _byNumber.TryGetValue((long)number1!.Value, out var value) ? value : null;
        return _rows.TryGetValue((text1, (long)(number1 ?? 0), text2, (long)(number2 ?? 0)), out var row) ? row.Value : null;
    }

    /// <summary>Whether every key is known, so that a failed lookup means the row is absent from the table.</summary>
    public bool KeysKnown(string? text1, decimal? number1, string? text2, decimal? number2) =>
        (_firstIsText ? text1 is not null : number1 is not null) && (_oneKey || (_secondIsText ? text2 is not null : number2 is not null));

    public IEnumerable<(IReadOnlyList<string> Key, decimal Value, TableRowSource? Source)> Rows() =>
        _rows.OrderBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => r.Key.Item2)
            .ThenBy(r => r.Key.Item3, StringComparer.Ordinal).ThenBy(r => r.Key.Item4)
            .Select(r => ((IReadOnlyList<string>)KeyText(r.Key), r.Value.Value, r.Value.SourceIndex >= 0 ? _sources[r.Value.SourceIndex] : null));

    private static (string?, long, string?, long) ToKey(IReadOnlyList<object> key)
    {
        string? t1 = null, t2 = null;
        long n1 = 0, n2 = 0;
        if (key[0] is string s1) t1 = s1; else n1 = (long)(decimal)key[0];
        if (key.Count > 1)
        {
            if (key[1] is string s2) t2 = s2; else n2 = (long)(decimal)key[1];
        }

        return (t1, n1, t2, n2);
    }

    private string[] KeyText((string?, long, string?, long) key)
    {
        var first = key.Item1 ?? key.Item2.ToString(CultureInfo.InvariantCulture);
        return Keys.Count == 1 ? [first] : [first, key.Item3 ?? key.Item4.ToString(CultureInfo.InvariantCulture)];
    }
}
