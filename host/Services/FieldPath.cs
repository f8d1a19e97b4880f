namespace EligibilityEngine.Host.Services;

/// <summary>
/// A field of a request, e.g. <c>case.events[2].date</c>, kept in parts and written out only when a violation names
/// it: a case with 70 employees would otherwise build 70 path strings per call that no one reads.
/// </summary>
public readonly record struct FieldPath(string Path, int Index = -1, string? Leaf = null)
{
    public static implicit operator FieldPath(string path) => new(path);

    public FieldPath Item(int index, string leaf) => new(Path, index, leaf);

    public override string ToString() => Index < 0 ? Path : $"{Path}[{Index}].{Leaf}";
}
