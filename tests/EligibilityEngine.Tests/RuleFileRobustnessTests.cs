using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests;

/// <summary>Rule files that used to stop `eligibility validate` or a running host (stack overflow, exceptions the loader
/// did not catch, minutes of work): each is now an error with file, line and column.</summary>
public sealed class RuleFileRobustnessTests
{
    private static string OnlyError(TempRuleSet rules)
    {
        var errors = rules.Errors();
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        return errors[0].ToString();
    }

    [Fact]
    public void A_condition_nested_ten_thousand_brackets_deep_is_an_error_not_a_stack_overflow()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion(new string('(', 10_000) + "true" + new string(')', 10_000))));

        OnlyError(rules).ShouldContain("[rule R1] the condition is nested more than 32 levels deep");
    }

    [Fact]
    public void An_and_chain_of_ten_thousand_terms_is_an_error_not_a_stack_overflow()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion(string.Join(" and ", Enumerable.Repeat("true", 10_000)))));

        OnlyError(rules).ShouldContain("the condition is too deep (more than 128 levels of operators)");
    }

    [Fact]
    public void A_number_beyond_the_decimal_range_is_an_error_with_its_position()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("1 < 999999999999999999999999999999999")));

        OnlyError(rules).ShouldContain("2015-01-01.yaml:16:16: [rule R1] the number is too large (at most 28 digits)");
    }

    [Fact]
    public void Yaml_nested_thousands_deep_is_an_error_not_a_stack_overflow()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")) + "\ndeep: " + new string('[', 20_000) + new string(']', 20_000));

        OnlyError(rules).ShouldContain("YAML syntax error: nested more than 64 levels deep");
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{a: [1, {b: ")]
    [InlineData("title: \"open")]
    public void A_file_cut_off_inside_brackets_or_quotes_is_an_error_with_its_position(string tail)
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")) + "\nx: " + tail);

        OnlyError(rules).ShouldMatch(@"2015-01-01\.yaml:\d+:\d+: YAML syntax error: .+");
    }

    [Fact]
    public void A_next_line_character_in_a_title_is_read_as_text_or_refused_with_its_position()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")).Replace("title: Test", "title: Te\u0085st"));

        var errors = rules.Errors();
        errors.ShouldAllBe(e => e.Position.Line >= 1 && e.Position.Column >= 1);
    }

    [Fact]
    public void A_two_megabyte_unknown_name_is_refused_quickly_and_not_repeated_whole()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("person." + new string('x', 2_000_000))));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = OnlyError(rules);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.Length.ShouldBeLessThan(600);
    }
}
