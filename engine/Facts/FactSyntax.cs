using System.Globalization;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Facts;

/// <summary>
/// How one fact is written as text in a case file (and so in a CSV cell and the web form): read with the same checks on
/// every path, written back so that reading it gives the same value. Values are boxed as the fact record's property
/// type (bool, an enum, DateOnly, decimal, int, string).
/// </summary>
public abstract record FactSyntax
{
    /// <summary>The value the text writes, or null with <paramref name="error"/>: the message that follows the field's
    /// name (e.g. <c>" must be true, false or unknown, not 'ja'"</c>).</summary>
    public abstract object? Read(string text, out string? error);

    /// <summary>The value as the case format writes it.</summary>
    public virtual string Write(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    public static FactSyntax Bool { get; } = new BoolSyntax();

    public static FactSyntax Date { get; } = new DateSyntax();

    public static FactSyntax MunicipalityCode { get; } = new MunicipalityCodeSyntax();

    /// <summary>A code of <paramref name="enumType"/>, written as its snake_case name.</summary>
    public static FactSyntax Code(Type enumType) => (FactSyntax)Activator.CreateInstance(typeof(CodeSyntax<>).MakeGenericType(enumType))!;
}

/// <summary>true or false.</summary>
public sealed record BoolSyntax : FactSyntax
{
    public override object? Read(string text, out string? error)
    {
        error = text is "true" or "false" ? null : $" must be true, false or unknown, not {FactText.Echo(text)}";
        return error is null ? text == "true" : null;
    }

    public override string Write(object value) => (bool)value ? "true" : "false";
}

/// <summary>A date as YYYY-MM-DD.</summary>
public sealed record DateSyntax : FactSyntax
{
    public override object? Read(string text, out string? error)
    {
        var date = FactText.Date(text, out error);
        error = error is null ? null : " " + error;
        return date;
    }

    public override string Write(object value) => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A number between <paramref name="Min"/> and <paramref name="Max"/>; a whole number (a count) when
/// <paramref name="Whole"/>, held as an int.</summary>
public sealed record NumberSyntax(decimal Min, decimal Max, bool Whole) : FactSyntax
{
    public override object? Read(string text, out string? error)
    {
        // Boxed as what the property holds: a count as an int (not as the decimal both kinds of number would share).
        var value = Whole ? (object?)FactText.WholeNumber(text, (int)Min, (int)Max, out error) : FactText.Number(text, Min, Max, out error);
        error = error is null ? null : " " + error;
        return value;
    }

    /// <summary>Without trailing zeros: <c>1</c>, <c>1.0</c> and <c>1.000</c> are one number (a decimal keeps the scale
    /// it was read in), and the case writer's text is hashed into every audit record (issue #22: the same decision,
    /// another <c>input_hash</c>).</summary>
    public override string Write(object value) =>
        value is decimal number ? number.ToString("0.############################", CultureInfo.InvariantCulture) : base.Write(value);
}

/// <summary>A CBS municipality code, GM and four digits.</summary>
public sealed record MunicipalityCodeSyntax : FactSyntax
{
    public override object? Read(string text, out string? error)
    {
        error = FactText.IsMunicipalityCode(text) ? null : $": {FactText.Echo(text)} is not a CBS municipality code such as GM0014";
        return error is null ? text : null;
    }
}

/// <summary>A code of <typeparamref name="TEnum"/>, written as its snake_case name; a misspelt code gets a hint.</summary>
public sealed record CodeSyntax<TEnum> : FactSyntax where TEnum : struct, Enum
{
    public override object? Read(string text, out string? error)
    {
        error = null;
        if (CodeNames.TryParse<TEnum>(text, out var value)) return value;
        var codes = CodeNames.All<TEnum>();
        var hint = Spelling.Closest(text, codes) is { } s ? $"; did you mean '{s}'?" : "";
        error = $": {FactText.Echo(text)} is not one of ({string.Join(", ", codes)}){hint}";
        return null;
    }

    public override string Write(object value) => CodeNames.ToCode(value.ToString()!);
}
