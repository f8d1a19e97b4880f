namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>The seed of a fuzz run: FUZZ_SEED from the environment to replay a run, otherwise a new one. Every failure
/// message names it, with the index of the input, so that exactly that input can be made again.</summary>
public static class FuzzSeed
{
    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : Random.Shared.Next();

    /// <summary>How many inputs to try: FUZZ_COUNT overrides the default (CI uses the default).</summary>
    public static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_COUNT"), out var count) ? count : defaultCount;
}
