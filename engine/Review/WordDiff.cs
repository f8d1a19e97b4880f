using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EligibilityEngine.Review;

/// <summary>Whether a run of words is in both texts, only in the older one or only in the newer one.</summary>
public enum WordChange { Same, Removed, Added }

/// <summary>A run of words of a changed text, with the whitespace that follows each word as that text has it.</summary>
public sealed record WordSegment(WordChange Kind, string Text)
{
    /// <summary>The text without the blanks at its end, which a renderer puts outside its marks (Markdown's
    /// <c>~~…~~</c> does not close after a blank).</summary>
    [JsonIgnore]
    public string Marked => Text.TrimEnd();

    /// <summary>The blanks at the end of the text.</summary>
    [JsonIgnore]
    public string Trailing => Text[Marked.Length..];
}

/// <summary>
/// The words that changed between two texts (a condition, an explanation, a citation), so a lawyer sees what is new
/// rather than two long strings side by side. A word is a run of non-blank characters, so
/// <c>finding.advies_omgezet</c> and <c>param.quota[GM0014, 2018]</c> change as a reader would name them. Within a
/// changed stretch the removed words come before the added ones.
/// </summary>
public static partial class WordDiff
{
    /// <summary>Above this many word pairs the texts are shown as one removal and one addition: the comparison table
    /// grows with the product of the lengths, and no text of a rule set comes near it.</summary>
    private const long MaxPairs = 4_000_000;

    public static IReadOnlyList<WordSegment> Compare(string before, string after)
    {
        var a = Words(before);
        var b = Words(after);
        if ((long)a.Count * b.Count > MaxPairs) return Merge([new(WordChange.Removed, before), new(WordChange.Added, after)]);

        // common[i, j]: how many words a[i..] and b[j..] have in common (longest common subsequence).
        var common = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                common[i, j] = a[i].Word == b[j].Word ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var segments = new List<WordSegment>();
        var removed = new List<string>();
        var added = new List<string>();
        void Flush()
        {
            if (removed.Count > 0) segments.Add(new(WordChange.Removed, string.Concat(removed)));
            if (added.Count > 0) segments.Add(new(WordChange.Added, string.Concat(added)));
            removed.Clear();
            added.Clear();
        }

        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x].Word == b[y].Word)
            {
                Flush();
                segments.Add(new(WordChange.Same, b[y].Text));
                x++;
                y++;
            }
            else if (y == b.Count || (x < a.Count && common[x + 1, y] >= common[x, y + 1])) removed.Add(a[x++].Text);
            else added.Add(b[y++].Text);
        }

        Flush();
        return Merge(segments);
    }

    /// <summary>Adjacent runs of the same kind as one segment.</summary>
    private static List<WordSegment> Merge(List<WordSegment> segments)
    {
        var merged = new List<WordSegment>(segments.Count);
        foreach (var s in segments.Where(s => s.Text.Length > 0))
        {
            if (merged.Count > 0 && merged[^1].Kind == s.Kind) merged[^1] = merged[^1] with { Text = merged[^1].Text + s.Text };
            else merged.Add(s);
        }

        return merged;
    }

    /// <summary>The words of a text, each with the blanks after it; blanks before the first word go with it.</summary>
    private static List<(string Word, string Text)> Words(string text) =>
        WordPattern().Matches(text).Select(m => (m.Groups["word"].Value, m.Value)).ToList();

    [GeneratedRegex(@"\s*(?<word>\S+)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
