using EligibilityEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.Yaml;

/// <summary>The file being read, its text (to locate text inside block scalars) and where errors go.</summary>
public sealed class YamlContext(string file, string text, DiagnosticBag diagnostics)
{
    private readonly string[] _lines = text.Split('\n');

    // Nodes built from another format (a CSV cell) carry no YAML marks; their position in that file is kept here. A list
    // searched by reference: placing is cheap, and a position is looked up only to report an error.
    private readonly List<(YamlNode Node, SourcePosition Position)> _placed = [];

    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourcePosition PositionOf(YamlNode node)
    {
        foreach (var (placed, position) in _placed)
            if (ReferenceEquals(placed, node)) return position;
        return new(File, (int)node.Start.Line, (int)node.Start.Column);
    }

    /// <summary>Records where a node built from another format stands in the file.</summary>
    public T Place<T>(T node, int line, int column) where T : YamlNode
    {
        _placed.Add((node, new SourcePosition(File, line, column)));
        return node;
    }

    /// <summary>
    /// The position of character <paramref name="offset"/> inside a scalar's value, so that an error in a
    /// condition points at the offending token, also inside quoted and block scalars. YAML folds a scalar written over
    /// several lines (<c>when: >-</c>, a plain or quoted scalar that wraps): its line breaks become spaces and the
    /// indentation goes, so the value's offset is not the file's column (issue #22: an error on the third line of a
    /// folded condition was reported on its first). The value is therefore walked against the file's text, stepping
    /// over what YAML folded or unescaped; where the two cannot be matched, the offset is counted within the value.
    /// </summary>
    public SourcePosition PositionInScalar(YamlScalarNode node, int offset)
    {
        var value = node.Value ?? "";
        var style = node.Style;
        var (line, column) = style switch
        {
            ScalarStyle.Literal or ScalarStyle.Folded => ((int)node.Start.Line + 1, 1),
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => ((int)node.Start.Line, (int)node.Start.Column + 1),
            _ => ((int)node.Start.Line, (int)node.Start.Column),
        };
        for (var i = 0; i <= offset && i < value.Length; i++)
        {
            // Step to the character value[i] stands for, past line breaks, indentation and escapes.
            while (CharAt(line, column) is var at && at != value[i])
            {
                if (!(at is ' ' or '\t' or '\r' or '\n' or '\\' || (at == '\'' && style == ScalarStyle.SingleQuoted)) || line > _lines.Length)
                    return CountedInValue(node, offset);
                (line, column) = at == '\n' ? (line + 1, 1) : (line, column + 1);
            }

            if (i < offset) column++;
        }

        return new SourcePosition(File, line, column);
    }

    /// <summary>The character at a 1-based line and column of the file; a line break past a line's end.</summary>
    private char CharAt(int line, int column) =>
        line < 1 || line > _lines.Length ? '\n' : column <= _lines[line - 1].Length ? _lines[line - 1][column - 1] : '\n';

    /// <summary>The offset counted within the value: line breaks in it start a new line at that line's indentation.</summary>
    private SourcePosition CountedInValue(YamlScalarNode node, int offset)
    {
        var value = node.Value ?? "";
        var line = 0;
        var column = 0;
        for (var i = 0; i < offset && i < value.Length; i++)
        {
            if (value[i] == '\n') { line++; column = 0; }
            else column++;
        }

        var startLine = (int)node.Start.Line;
        var startColumn = (int)node.Start.Column;
        switch (node.Style)
        {
            case ScalarStyle.Literal:
            case ScalarStyle.Folded:
                // Block scalar content starts on the line after the indicator, at the content indentation.
                var contentLine = startLine + 1 + line;
                return new SourcePosition(File, contentLine, Indentation(contentLine) + 1 + column);
            case ScalarStyle.SingleQuoted:
            case ScalarStyle.DoubleQuoted:
                return line == 0
                    ? new SourcePosition(File, startLine, startColumn + 1 + column)
                    : new SourcePosition(File, startLine + line, Indentation(startLine + line) + 1 + column);
            default:
                return line == 0
                    ? new SourcePosition(File, startLine, startColumn + column)
                    : new SourcePosition(File, startLine + line, Indentation(startLine + line) + 1 + column);
        }
    }

    private int Indentation(int line)
    {
        if (line < 1 || line > _lines.Length) return 0;
        var text = _lines[line - 1];
        var count = 0;
        while (count < text.Length && text[count] == ' ') count++;
        return count;
    }
}
