using EligibilityEngine.Facts;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Verification;

/// <summary>A three-valued term: whether it is known, and its value (meaningful only when known), with its type.</summary>
public readonly record struct Sym(string Known, string Value, ValueType Type)
{
    public string IsTrue => Smt.And(Known, Value);

    public string IsFalse => Smt.And(Known, Smt.Not(Value));

    /// <summary>The SMT sort of a value of a type: numbers and amounts are reals; dates, codes and texts integers.</summary>
    public static string SortOf(ValueType type) => type.Kind switch
    {
        ValueKind.Bool => "Bool",
        ValueKind.Number or ValueKind.Money => "Real",
        _ => "Int",
    };
}

/// <summary>A construct the encoding cannot express faithfully, or a property that does not type-check.</summary>
public sealed class EncodingException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}

/// <summary>
/// Texts as integers: every text constant the rules and properties name gets a number of its own; any other text is
/// an integer none of them has. Text is only compared, looked up and chosen, so this is exact.
/// </summary>
public sealed class TextUniverse
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int CodeOf(string text)
    {
        if (_codes.TryGetValue(text, out var code)) return code;
        _texts.Add(text);
        return _codes[text] = _texts.Count - 1;
    }

    /// <summary>The rules' texts so far, with their numbers.</summary>
    public IEnumerable<(int Code, string Text)> Constants => _texts.Select((text, code) => (code, text));

    /// <summary>The number of a text of a case: a constant's own, else a number no constant has, the same for equal texts.</summary>
    public long ValueOf(string text, Dictionary<string, long> others) =>
        _codes.TryGetValue(text, out var code) ? code
        : others.TryGetValue(text, out var other) ? other
        : others[text] = 1_000_000 + others.Count;

    /// <summary>The text for a number in a model: a constant, or a made-up municipality code (GM9999, GM9998, ...) that is
    /// no constant, the same for equal numbers.</summary>
    public string TextOf(long value, Dictionary<long, string> made)
    {
        if (value >= 0 && value < _texts.Count) return _texts[(int)value];
        if (made.TryGetValue(value, out var text)) return text;
        for (var n = 9999 - made.Count; ; n--)
        {
            var candidate = $"GM{n:0000}";
            if (_codes.ContainsKey(candidate) || made.ContainsValue(candidate)) continue;
            return made[value] = candidate;
        }
    }
}
