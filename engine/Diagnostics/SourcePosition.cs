namespace EligibilityEngine.Diagnostics;

/// <summary>A place in a text file: 1-based line and column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public static SourcePosition None(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
