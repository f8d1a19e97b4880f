
namespace EligibilityEngine.Facts;

public enum ValueKind { Bool, Number, Money, Date, Text, Code }

/// <summary>
/// The type of a value in the condition language. At run time every value is nullable (null = unknown):
/// Bool → bool?, Number and Money → decimal?, Date → int? (day number), Text → string, Code → int? (index in its domain).
/// </summary>
/// <param name="Percent">A number that is a fraction shown as a percentage (0.68 reads as 68 %).</param>
public sealed record ValueType(ValueKind Kind, CodeDomain? Domain = null, bool Percent = false)
{
    public static ValueType Percentage { get; } = new(ValueKind.Number, Percent: true);

    public static ValueType Bool { get; } = new(ValueKind.Bool);
    public static ValueType Number { get; } = new(ValueKind.Number);
    public static ValueType Money { get; } = new(ValueKind.Money);
    public static ValueType Date { get; } = new(ValueKind.Date);
    public static ValueType Text { get; } = new(ValueKind.Text);

    public static ValueType Code(CodeDomain domain) => new(ValueKind.Code, domain);

    public Type ClrType => Kind switch
    {
        ValueKind.Bool => typeof(bool?),
        ValueKind.Number or ValueKind.Money => typeof(decimal?),
        ValueKind.Date or ValueKind.Code => typeof(int?),
        _ => typeof(string),
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Code => $"one of ({string.Join(", ", Domain!.Codes)})",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A closed list of codes, such as the supervision levels or the values of an outcome.</summary>
public sealed class CodeDomain(string name, IReadOnlyList<string> codes, IReadOnlyList<string>? dutchLabels = null)
{
    /// <summary>How each code reads in a Dutch explanation; the code itself where no label is given.</summary>
    public IReadOnlyList<string> DutchLabels { get; } = dutchLabels ?? codes;

    public string Name { get; } = name;

    public IReadOnlyList<string> Codes { get; } = codes;

    public int IndexOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
            if (Codes[i] == code) return i;
        return -1;
    }

    public static CodeDomain FromEnum<TEnum>(params string[] dutchLabels) where TEnum : struct, Enum =>
        new(typeof(TEnum).Name, CodeNames.All<TEnum>(), dutchLabels.Length == 0 ? null : dutchLabels);
}
