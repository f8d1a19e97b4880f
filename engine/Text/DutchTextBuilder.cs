using System.Globalization;
using EligibilityEngine.Facts;
using ValueType = EligibilityEngine.Facts.ValueType;

namespace EligibilityEngine.Text;

/// <summary>
/// A buffer that a Dutch text is written into, literal parts and values alike, and that becomes one string at the
/// end: an explanation costs its own text and nothing in between (no boxed values, no formatted parts, no arrays).
/// One is kept per thread and reused; writing never calls back into code that writes text.
/// </summary>
public sealed class DutchTextBuilder
{
    [ThreadStatic] private static DutchTextBuilder? _free;

    private char[] _buffer = new char[512];
    private int _length;

    private DutchTextBuilder()
    {
    }

    /// <summary>This thread's builder, empty; a new one if it is in use (it is not shared while taken).</summary>
    public static DutchTextBuilder Rent()
    {
        var builder = _free ?? new DutchTextBuilder();
        _free = null;
        builder._length = 0;
        return builder;
    }

    /// <summary>The text written, surrounding whitespace removed when <paramref name="trim"/>; the builder goes back
    /// to the thread.</summary>
    public string ToStringAndReturn(bool trim)
    {
        var text = _buffer.AsSpan(0, _length);
        var result = new string(trim ? text.Trim() : text);
        _free = this;
        return result;
    }

    public void Append(string text)
    {
        Ensure(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(char c)
    {
        Ensure(1);
        _buffer[_length++] = c;
    }

    public void Append(int value) => Append(value, CultureInfo.CurrentCulture);

    public void Append(int value, IFormatProvider provider)
    {
        Ensure(DutchFormat.MaxValueLength);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, provider);
        _length += written;
    }

    public void Append(decimal value, string format, IFormatProvider provider)
    {
        Ensure(DutchFormat.MaxValueLength);
        if (!value.TryFormat(_buffer.AsSpan(_length), out var written, format, provider))
        {
            Append(value.ToString(format, provider));
            return;
        }

        _length += written;
    }

    // The values of explanation placeholders, by type (ValueType.ClrType), as DutchFormat.Value writes them.

    public void AppendBool(bool? value) => Append(value is null ? Unknown : DutchFormat.YesNo(value.Value));

    public void AppendDate(int? day)
    {
        if (day is null) Append(Unknown);
        else DutchFormat.Write(this, DateOnly.FromDayNumber(day.Value));
    }

    public void AppendCode(int? code, CodeDomain domain) =>
        Append(code is null ? Unknown : DutchFormat.CodeLabel(code.Value, domain));

    public void AppendMoney(decimal? value)
    {
        if (value is null) Append(Unknown);
        else DutchFormat.WriteMoney(this, value.Value);
    }

    public void AppendNumber(decimal? value)
    {
        if (value is null) Append(Unknown);
        else DutchFormat.WriteNumber(this, value.Value);
    }

    public void AppendPercent(decimal? value)
    {
        if (value is null) Append(Unknown);
        else
        {
            DutchFormat.WriteNumber(this, value.Value * 100m);
            Append(" %");
        }
    }

    public void AppendText(string? value) => Append(value ?? Unknown);

    /// <summary>Any value of the condition language, boxed, as <see cref="DutchFormat.Value"/> says it.</summary>
    public void AppendValue(object? value, ValueType type)
    {
        switch (value)
        {
            case null: Append(Unknown); break;
            case bool b: AppendBool(b); break;
            case int day when type.Kind == ValueKind.Date: AppendDate(day); break;
            case int code when type.Kind == ValueKind.Code: AppendCode(code, type.Domain!); break;
            case decimal d when type.Kind == ValueKind.Money: AppendMoney(d); break;
            case decimal d when type.Percent: AppendPercent(d); break;
            case decimal d: AppendNumber(d); break;
            default: Append(value.ToString() ?? ""); break;
        }
    }

    private const string Unknown = DutchFormat.Unknown;

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
