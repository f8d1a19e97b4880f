namespace EligibilityEngine.Tests.Support;

/// <summary>Tests that measure the test process itself (its heap): they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
