using EligibilityEngine.Text;

namespace EligibilityEngine.Tests.Text;

/// <summary>Numbers as Dutch readers see them in explanations and the trace: whole numbers without decimals, a decimal
/// comma with at most two decimals, thousands grouped with a point only from five digits.</summary>
public sealed class DutchFormatTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00", "0")]
    [InlineData("-0", "0")]
    [InlineData("30", "30")]
    [InlineData("-1", "-1")]
    [InlineData("2017.000", "2017")]
    [InlineData("9999", "9999")]
    [InlineData("-9999.00", "-9999")]
    [InlineData("10000", "10.000")]
    [InlineData("-10300", "-10.300")]
    [InlineData("123456.5", "123.456,5")]
    [InlineData("12.5", "12,5")]
    [InlineData("1.999", "2")]
    [InlineData("-0.001", "0")]
    [InlineData("0.25", "0,25")]
    public void Numbers_are_written_the_dutch_way(string invariant, string dutch) =>
        DutchFormat.Number(decimal.Parse(invariant, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(dutch);
}
