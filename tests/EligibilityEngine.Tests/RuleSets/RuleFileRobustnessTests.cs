using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.RuleSets;

/// <summary>Rule files that used to stop `eligibility validate` or a running host (stack overflow, exceptions the loader
/// did not catch, minutes of work): each is now an error with file, line and column.</summary>
public sealed class RuleFileRobustnessTests
{
    /// <summary>Text folded over lines of at most 5,000 characters (a double-quoted YAML scalar joins them with a
    /// space), so that nesting, not the length of a line, is what is tested.</summary>
    private static string Folded(string text)
    {
        // Split at spaces where there are any (a word must not be cut), else every 5,000 characters.
        var pieces = text.Contains(' ') ? text.Split(' ') : text.Chunk(5_000).Select(c => new string(c)).ToArray();
        var lines = new List<string> { "" };
        foreach (var piece in pieces)
        {
            if (lines[^1].Length + piece.Length > 5_000) lines.Add("");
            lines[^1] += (lines[^1].Length > 0 ? " " : "") + piece;
        }

        return string.Join("\n      ", lines);
    }

    private static string OnlyError(TempRuleSet rules)
    {
        var errors = rules.Errors();
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        return errors[0].ToString();
    }

    [Fact]
    public void A_condition_nested_ten_thousand_brackets_deep_is_an_error_not_a_stack_overflow()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion(Folded(new string('(', 10_000) + "true" + new string(')', 10_000)))));

        OnlyError(rules).ShouldContain("[rule R1] the condition is nested more than 32 levels deep");
    }

    [Fact]
    public void An_and_chain_of_ten_thousand_terms_is_an_error_not_a_stack_overflow()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion(Folded(string.Join(" and ", Enumerable.Repeat("true", 10_000))))));

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
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")) + "\ndeep:\n  " + Folded(new string('[', 20_000) + new string(']', 20_000)).Replace("\n      ", "\n  "));

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

    [Theory]
    [InlineData(">-\n      person.has_work_capacity\n      and person.no_such_fact")]
    [InlineData("|\n      person.has_work_capacity\n        and person.no_such_fact")]
    [InlineData("person.has_work_capacity\n      and\n      person.no_such_fact")]
    [InlineData("\"person.has_work_capacity\n      and   person.no_such_fact\"")]
    public void An_error_in_a_condition_over_several_lines_is_at_its_line_and_column_in_the_file(string when)
    {
        var rule = $$"""
              - id: R1
                source: src
                title: Criterion c
                when: {{when}}
                then: { criterion: c }
                explain:
                  met: voldaan
                  not_met: niet voldaan
            """;
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(rule));
        var lines = File.ReadAllLines(Path.Combine(rules.Path, "2015-01-01.yaml"));
        var line = Array.FindIndex(lines, l => l.Contains("person.no_such_fact")) + 1;
        var column = lines[line - 1].IndexOf("person.no_such_fact", StringComparison.Ordinal) + 1;

        var errors = rules.Errors();

        errors.ShouldContain(e => e.Position.Line == line && e.Position.Column == column, string.Join("\n", errors));
    }

    [Fact]
    public void A_byte_that_is_not_utf8_is_an_error_at_its_line_and_column_not_a_quiet_replacement()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("true")).Replace("title: Test", "title: Tést"));
        var file = Path.Combine(rules.Path, "2015-01-01.yaml");
        // 'é' as an editor saving in Windows-1252 writes it: one byte, E9, where UTF-8 has C3 A9.
        var utf8 = File.ReadAllBytes(file);
        var at = utf8.AsSpan().IndexOf("é"u8);
        File.WriteAllBytes(file, [.. utf8[..at], 0xE9, .. utf8[(at + 2)..]]);

        var error = OnlyError(rules);

        error.ShouldEndWith($"2015-01-01.yaml:5:9: byte {at + 1} is not UTF-8; save the file as UTF-8");
    }

    [Fact]
    public void A_two_megabyte_line_is_refused_at_once_naming_the_line_without_repeating_it()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("person." + new string('x', 2_000_000))));

        var error = OnlyError(rules);

        error.ShouldEndWith("2015-01-01.yaml:16:10001: line 16 is 2000019 characters long; a rule file line has at most 10000");
    }

    [Fact]
    public void A_long_unknown_name_within_the_line_limit_is_refused_without_a_spelling_search()
    {
        using var rules = new TempRuleSet().With("2015-01-01.yaml", TempRuleSet.Version(TempRuleSet.Criterion("person." + new string('x', 9_000))));

        var error = OnlyError(rules);

        error.ShouldContain("[rule R1] unknown name 'person.xxxx");
        error.Length.ShouldBeLessThan(600);
    }

    [Fact]
    public void A_table_key_column_without_a_name_is_an_error_not_a_crash_of_the_canonical_form()
    {
        // Found by the rule-file fuzzer (seed 1702488056, mutation 1186): the table was compiled on after the error.
        using var rules = new TempRuleSet();
        RepositoryCopy.Rules(rules.Path);
        var file = Path.Combine(rules.Path, "2017-01-01.yaml");
        var text = File.ReadAllText(file);
        var second = text.LastIndexOf("- { name: year, type: integer }", StringComparison.Ordinal); // the quota table's key
        File.WriteAllText(file, text[..second] + "- { name&a : year, type: integer }" + text[(second + "- { name: year, type: integer }".Length)..]);

        var errors = rules.Errors();

        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => e.Position.Line >= 1 && e.Position.Column >= 1);
    }
}
