using System.Text;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>
/// Mutates a rule file the ways people and tools break them: a line deleted, two tokens swapped, indentation changed,
/// junk typed, odd unicode (NEL, BOM, zero-width, right-to-left, U+FFFD, NUL), nesting thousands deep (YAML and
/// conditions), numbers beyond any range, anchors and aliases (a billion laughs), and very long lines.
/// </summary>
public static class RuleFileMutator
{
    private static readonly string[] Junk = ["[", "{", "]", "}", ":", "- ", "&a ", "*a", "!!binary ", "|", ">", "'", "\"", "%", "@", "`", "#", ",", "?", "\t", "\\"];
    // Lone surrogates cannot be saved as UTF-8; bytes that are not UTF-8 are put into saved files by RuleFileFuzzTests.
    private static readonly string[] Unicode = ["\u0085", "\uFEFF", "\u200B", "\u202E", "\uFFFD", "\u2028", "\u0000", "é", "€", "\u00A0", "\U0001F600"];

    public static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++) lines = Once(lines, random);
        return string.Join('\n', lines);
    }

    private static List<string> Once(List<string> lines, Random random)
    {
        if (lines.Count == 0) lines.Add(""); // an earlier mutation deleted everything
        var at = random.Next(lines.Count);
        switch (random.Next(12))
        {
            case 0: // a line deleted
                lines.RemoveAt(at);
                break;
            case 1: // two tokens swapped (within or across lines)
                var a = Tokens(lines[at]);
                var other = random.Next(lines.Count);
                var b = Tokens(lines[other]);
                if (a.Length > 0 && b.Length > 0)
                {
                    var (i, j) = (random.Next(a.Length), random.Next(b.Length));
                    (a[i], b[j]) = (b[j], a[i]);
                    lines[at] = string.Join(' ', a);
                    if (other != at) lines[other] = string.Join(' ', b);
                }

                break;
            case 2: // indentation changed
                lines[at] = random.Next(2) == 0 ? new string(' ', random.Next(1, 9)) + lines[at] : lines[at].TrimStart();
                break;
            case 3: // junk typed into a line
                lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), Junk[random.Next(Junk.Length)]);
                break;
            case 4: // odd unicode
                lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), Unicode[random.Next(Unicode.Length)]);
                break;
            case 5: // YAML nested thousands deep
                var depth = random.Next(50, 20_000);
                lines.Insert(at, (random.Next(2) == 0 ? "deep: " : "- ") + new string('[', depth) + new string(']', random.Next(depth + 1)));
                break;
            case 6: // a condition nested or chained thousands deep
                var n = random.Next(50, 10_000);
                var condition = random.Next(3) switch
                {
                    0 => new string('(', n) + "person.has_work_capacity" + new string(')', n),
                    1 => string.Join(" and ", Enumerable.Repeat("person.has_work_capacity", n)),
                    _ => string.Concat(Enumerable.Repeat("not ", n)) + "person.has_work_capacity",
                };
                lines.Insert(at, "    when: " + condition);
                break;
            case 7: // a number beyond any range
                var huge = new string('9', random.Next(20, 400));
                lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), random.Next(3) switch { 0 => huge, 1 => huge + "%", _ => "€" + huge + ".5" });
                break;
            case 8: // anchors and aliases: a billion laughs
                lines.Insert(at, "laughs: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]");
                for (var k = 1; k < 10; k++)
                    lines.Insert(at + k, $"laughs{k}: &l{k} [{string.Join(", ", Enumerable.Repeat($"*l{k - 1}", 10))}]");
                break;
            case 9: // a very long line
                var length = random.Next(10) == 0 ? 2_000_000 : random.Next(1_000, 200_000);
                lines[at] += random.Next(2) == 0 ? new string('x', length) : string.Concat(Enumerable.Repeat("a ", length / 2));
                break;
            case 10: // a line duplicated
                lines.Insert(at, lines[at]);
                break;
            default: // the file cut off mid-way (a half-written save)
                var keep = random.Next(1, lines.Count + 1);
                lines = lines.Take(keep).ToList();
                lines[^1] = lines[^1][..random.Next(lines[^1].Length + 1)];
                break;
        }

        return lines;
    }

    private static string[] Tokens(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A short description of a mutated file for a failure message: its size and first differing line.</summary>
    public static string Describe(string original, string mutated)
    {
        var (a, b) = (original.Split('\n'), mutated.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        var shown = line < b.Length ? b[line] : "";
        return new StringBuilder().Append($"{mutated.Length} characters; first change at line {line + 1}: ")
            .Append(shown.Length > 120 ? shown[..120] + "…" : shown).ToString();
    }
}
