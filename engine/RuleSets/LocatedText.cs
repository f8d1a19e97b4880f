using EligibilityEngine.Diagnostics;
using EligibilityEngine.Yaml;
using YamlDotNet.RepresentationModel;

namespace EligibilityEngine.RuleSets;

/// <summary>A text value from a rule file that remembers where each of its characters stands in that file.</summary>
public sealed class LocatedText
{
    private readonly Func<int, SourcePosition> _positionAt;

    public LocatedText(string text, YamlContext context, YamlScalarNode node)
        : this(text, offset => context.PositionInScalar(node, offset))
    {
    }

    private LocatedText(string text, Func<int, SourcePosition> positionAt)
    {
        Text = text;
        _positionAt = positionAt;
    }

    public string Text { get; }

    public SourcePosition PositionAt(int offset) => _positionAt(offset);

    /// <summary>The part of this text from <paramref name="start"/>, keeping positions in the file.</summary>
    public LocatedText Slice(int start, int length) => new(Text.Substring(start, length), offset => _positionAt(start + offset));
}
