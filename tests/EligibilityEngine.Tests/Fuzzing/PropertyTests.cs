using System.Globalization;
using CsCheck;
using EligibilityEngine.Cases;
using EligibilityEngine.Conditions;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Facts;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Yaml;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>Properties of the readers that every input must keep, checked in-process over generated input (CsCheck
/// prints the seed of a failing input and shrinks it).</summary>
[Trait(Category.Name, Category.Fuzz)]
public sealed class PropertyTests
{
    private static readonly string[] ConditionTokens =
    [
        "person.has_work_capacity", "person.supervision_need", "'intensive'", "param.quota", "[", "]", "(", ")", "and", "or", "not",
        "in", "is", "known", "unknown", "=", "<>", "<", ">=", "+", "-", "*", "/", "1", "2.5", "68%", "€2157.00", "2017-01-01",
        "2017-13-45", "999999999999999999999999999999", "exists(", "count(", "latest(", "placed", "where", ".", ",", "date",
        "true", "false", "'", "\u0085", "é", "$", "year(case.as_of)", "case.as_of",
    ];

    [Fact]
    public void Any_condition_text_parses_or_gives_a_syntax_error_inside_the_text_and_printing_round_trips()
    {
        Gen.OneOf(ConditionTokens).Array[0, 60].Select(tokens => string.Join(' ', tokens)).Sample(text =>
        {
            Node ast;
            try
            {
                ast = Parser.Parse(text);
            }
            catch (ConditionSyntaxException ex)
            {
                ex.Offset.ShouldBeInRange(0, text.Length);
                return;
            }

            var printed = ConditionPrinter.Print(ast);
            ConditionPrinter.Print(Parser.Parse(printed)).ShouldBe(printed);
        }, iter: 20_000);
    }

    [Fact]
    public void Conditions_nested_or_chained_to_any_depth_give_an_error_not_a_stack_overflow()
    {
        Gen.Select(Gen.Int[1, 5_000], Gen.OneOf("(", "not ", "- ", "a and ", "a + ")).Sample((depth, piece) =>
        {
            var text = string.Concat(Enumerable.Repeat(piece, depth)) + "1" + (piece == "(" ? new string(')', depth) : "");
            try
            {
                Parser.Parse(text);
            }
            catch (ConditionSyntaxException ex)
            {
                ex.Offset.ShouldBeInRange(0, text.Length);
            }
        }, iter: 500);
    }

    [Fact]
    public void Any_mutation_of_a_case_file_is_read_or_refused_with_positioned_errors()
    {
        var samples = Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Order().Select(File.ReadAllText).ToArray();
        Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Int).Sample((index, seed) =>
        {
            var text = RuleFileMutator.Mutate(samples[index], new Random(seed));
            var diagnostics = new DiagnosticBag();
            if (YamlDocumentLoader.LoadMapping(text, "case.yaml", diagnostics) is { } root) CaseReader.ReadCase(root, diagnostics);
            diagnostics.Items.ShouldAllBe(d => d.Position.Line >= 1 && d.Position.Column >= 1);
        }, iter: 3_000);
    }

    [Fact]
    public void A_number_written_with_a_decimal_point_or_a_dutch_comma_reads_as_that_number()
    {
        Gen.Select(Gen.Int[0, 6_000], Gen.Bool).Sample((hundredths, comma) =>
        {
            var value = hundredths / 100m;
            var text = value.ToString("0.##", CultureInfo.InvariantCulture);
            if (comma) text = text.Replace('.', ',');
            FactText.Number(text, 0, 60, out var error).ShouldBe(value);
            error.ShouldBeNull();
        });
    }

    [Fact]
    public void A_date_shaped_text_reads_as_the_general_parser_reads_it_in_the_years_allowed()
    {
        // The plain YYYY-MM-DD path must agree with DateOnly's exact parser on every ten-character text of that shape:
        // impossible days (2023-02-29, month 13, day 00), years outside 1900-2199, and non-ASCII digits.
        var digit = Gen.OneOf('0', '1', '2', '3', '9', '٣');
        Gen.Select(Gen.Int[0, 2300], digit.Array[4], Gen.OneOf('-', '/')).Sample((year, monthAndDay, separator) =>
        {
            var text = $"{year:0000}-{monthAndDay[0]}{monthAndDay[1]}{separator}{monthAndDay[2]}{monthAndDay[3]}";
            var parsed = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            var expected = parsed && date.Year is >= FactLimits.FirstYear and <= FactLimits.LastYear ? date : (DateOnly?)null;
            FactText.Date(text, out var error).ShouldBe(expected);
            (error is null).ShouldBe(expected is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void A_number_with_more_than_one_separator_is_refused_never_read_as_another_number()
    {
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 999], Gen.OneOf(".", ","), Gen.OneOf(".", ",")).Sample((a, b, c, s1, s2) =>
        {
            FactText.Number($"{a}{s1}{b}{s2}{c}", 0, 1_000_000, out var error).ShouldBeNull();
            error.ShouldNotBeNull();
        });
    }
}
