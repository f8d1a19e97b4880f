namespace EligibilityEngine.Tests.Support;

/// <summary>Finds the checkout's folders from the test binaries, so tests use the real rules and samples.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules", "beschut-werk");

    public static string RuleTests => Path.Combine(Rules, "tests");

    public static string Samples => Path.Combine(Root, "samples", "cases");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EligibilityEngine.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("EligibilityEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
