namespace EligibilityEngine.Tests.Support;

/// <summary>Copies of checkout folders that a test may change.</summary>
public static class RepositoryCopy
{
    /// <summary>Copies the real rules folder (with its quota tables and tests) into <paramref name="target"/>.</summary>
    public static void Rules(string target)
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
