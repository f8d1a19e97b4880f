namespace EligibilityEngine.Yaml;

/// <summary>Finds the closest known name to a misspelled one, for "did you mean" hints.</summary>
public static class Spelling
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        // A truncated word ('intens' for 'intensive') is the likeliest mistake.
        var prefixed = candidates.Where(c => name.Length >= 3 && c.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (prefixed.Count == 1) return prefixed[0];

        // Only suggest when the names are plausibly the same word. Names whose lengths differ by more cannot be, and
        // are skipped before the quadratic distance: a 2 MB name in a broken file must not take minutes.
        var limit = Math.Max(2, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Where(c => Math.Abs(c.Length - name.Length) <= limit))
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance) { best = candidate; bestDistance = distance; }
        }

        return best is not null && bestDistance <= limit ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
