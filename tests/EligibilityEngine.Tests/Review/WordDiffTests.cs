using EligibilityEngine.Review;

namespace EligibilityEngine.Tests.Review;

/// <summary>The word-level diff a lawyer reads in a changed condition, explanation or citation.</summary>
public sealed class WordDiffTests
{
    private static IReadOnlyList<(WordChange, string)> Compare(string before, string after) =>
        WordDiff.Compare(before, after).Select(s => (s.Kind, s.Text)).ToList();

    [Fact]
    public void A_dropped_clause_of_a_condition_is_the_only_removed_run()
    {
        Compare("finding.a or finding.b and not finding.c or finding.d", "finding.a or finding.b or finding.d").ShouldBe(
        [
            (WordChange.Same, "finding.a or finding.b "),
            (WordChange.Removed, "and not finding.c "),
            (WordChange.Same, "or finding.d"),
        ]);
    }

    [Fact]
    public void A_replaced_word_is_removed_before_its_replacement_is_added()
    {
        Compare("ten hoogste zes maanden 50 % van het minimumloon", "ten hoogste twaalf maanden 50 % van het minimumloon").ShouldBe(
        [
            (WordChange.Same, "ten hoogste "),
            (WordChange.Removed, "zes "),
            (WordChange.Added, "twaalf "),
            (WordChange.Same, "maanden 50 % van het minimumloon"),
        ]);
    }

    [Fact]
    public void Words_added_at_the_end_and_a_whole_new_text_are_one_run_each()
    {
        Compare("Participatiewet art. 10b", "Participatiewet art. 10b lid 4").ShouldBe([(WordChange.Same, "Participatiewet art. 10b "), (WordChange.Added, "lid 4")]);
        Compare("pw-10b", "babw-3").ShouldBe([(WordChange.Removed, "pw-10b"), (WordChange.Added, "babw-3")]);
        Compare("gelijk gebleven", "gelijk gebleven").ShouldBe([(WordChange.Same, "gelijk gebleven")]);
    }

    [Theory]
    [InlineData("a b c d e f", "a x c d y f z")]
    [InlineData("outcome.advies = 'positief' or finding.x", "finding.x or outcome.advies = 'negatief'")]
    [InlineData("één twee drie", "")]
    [InlineData("", "nieuw")]
    public void The_old_text_is_its_same_and_removed_words_and_the_new_text_its_same_and_added_words(string before, string after)
    {
        var words = WordDiff.Compare(before, after);

        string.Concat(words.Where(w => w.Kind != WordChange.Added).Select(w => w.Text)).TrimEnd().ShouldBe(before);
        string.Concat(words.Where(w => w.Kind != WordChange.Removed).Select(w => w.Text)).TrimEnd().ShouldBe(after);
        // As few runs as the change needs: no two neighbours of one kind.
        words.Zip(words.Skip(1)).ShouldAllBe(pair => pair.First.Kind != pair.Second.Kind);
    }

    [Fact]
    public void A_segment_keeps_its_trailing_blank_outside_the_marked_words()
    {
        var removed = WordDiff.Compare("a b c", "a c").Single(w => w.Kind == WordChange.Removed);

        removed.Marked.ShouldBe("b");
        removed.Trailing.ShouldBe(" ");
    }
}
