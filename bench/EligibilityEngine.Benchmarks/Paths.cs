namespace EligibilityEngine.Benchmarks;

internal static class Paths
{
    /// <summary>The checkout root (BenchmarkDotNet runs benchmarks from a generated folder, so search upwards).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "EligibilityEngine.sln"))) return d.FullName;
        }

        throw new InvalidOperationException("run the benchmarks from inside the checkout");
    }
}
