using System.Text;
using EligibilityEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Yaml;

/// <summary>Parses YAML (or JSON, which is YAML) text into nodes that keep their line and column.</summary>
public static class YamlDocumentLoader
{
    /// <summary>Deeper than any rule or case file needs; YamlDotNet builds nodes recursively, so a file nested thousands
    /// deep would otherwise overflow the stack and end the process (a running host with it).</summary>
    public const int MaxNesting = 64;

    /// <summary>The longest line a rule file may have. YamlDotNet takes about a second per 2 MB scalar, and a rules folder
    /// reads its quota files once per version: a line far beyond any text of the law is refused before parsing.</summary>
    public const int MaxRuleFileLineLength = 10_000;

    /// <summary>
    /// A rule or quota file (at <paramref name="path"/>, named <paramref name="file"/> in errors) read as a mapping. Its
    /// bytes must be UTF-8: <c>File.ReadAllText</c> turned any other byte into U+FFFD, so a damaged save changed a rule's
    /// text unseen (issue #22); such a byte is an error at its line and column. A UTF-8 byte order mark is allowed.
    /// </summary>
    public static YamlMap? LoadRuleFile(string path, string file, DiagnosticBag diagnostics)
    {
        ReadOnlySpan<byte> bytes = File.ReadAllBytes(path);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        if (Utf8Text.InvalidAt(bytes) is { } invalid)
        {
            var lineStart = bytes[..invalid].LastIndexOf((byte)'\n') + 1;
            diagnostics.Add(new SourcePosition(file, bytes[..invalid].Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(bytes[lineStart..invalid]) + 1),
                $"byte {invalid + 1} is not UTF-8; save the file as UTF-8");
            return null;
        }

        return LoadMapping(Encoding.UTF8.GetString(bytes), file, diagnostics, MaxRuleFileLineLength);
    }

    /// <param name="maxLineLength">Refuse the file, at the first longer line, without parsing it (rule files; a JSON
    /// case file is often one long line).</param>
    public static YamlMap? LoadMapping(string text, string file, DiagnosticBag diagnostics, int? maxLineLength = null)
    {
        if (maxLineLength is { } max && LongLine(text, max) is var (line, length))
        {
            diagnostics.Add(new SourcePosition(file, line, max + 1), $"line {line} is {length} characters long; a rule file line has at most {max}");
            return null;
        }

        var stream = new YamlStream();
        var parser = new DepthLimitedParser(new Parser(new Scanner(new StringReader(text))));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new SourcePosition(file, (int)ex.Start.Line, (int)ex.Start.Column), "YAML syntax error: " + Clean(ex));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet throws these for some malformed input (e.g. a file that ends inside '[' or '{'); they carry
            // no position, so report where the parser had got to. Never the exception text alone: it names no place.
            var at = parser.Position;
            diagnostics.Add(new SourcePosition(file, (int)at.Line, (int)at.Column), "YAML syntax error: the file cannot be read from here on (unclosed '[', '{' or quote?)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(new SourcePosition(file, 1, 1), "the file is empty");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            diagnostics.Add(new SourcePosition(file, (int)start.Line, (int)start.Column), "expected a mapping of keys to values at the top of the file");
            return null;
        }

        return new YamlMap(root, new YamlContext(file, text, diagnostics), null);
    }

    /// <summary>The first line longer than <paramref name="max"/> (1-based) and its length, if any.</summary>
    private static (int Line, int Length)? LongLine(string text, int max)
    {
        var (line, start) = (1, 0);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            if (i - start > max) return (line, i - start);
            (line, start) = (line + 1, i + 1);
        }

        return null;
    }

    private static string Clean(YamlException ex)
    {
        // YamlDotNet prefixes messages with the position, which we report ourselves.
        var message = ex.InnerException?.Message ?? ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    /// <summary>Passes events on, refusing nesting deeper than <see cref="MaxNesting"/> at the mapping or sequence
    /// that exceeds it, and remembers the last position reached.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public Mark Position { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var current = inner.Current!;
            Position = current.Start;
            switch (current)
            {
                case MappingStart or SequenceStart when ++_depth > MaxNesting:
                    throw new SyntaxErrorException(current.Start, current.End, $"nested more than {MaxNesting} levels deep");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}
