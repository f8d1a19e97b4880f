using EligibilityEngine.Decisions;
using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Audit;

/// <summary>Records of real decisions on the sample cases, for the store tests.</summary>
internal static class AuditSamples
{
    private static readonly Lazy<RuleLibrary> Library = new(() => RuleLibrary.Load(RepositoryPaths.Rules, engine: EngineKind.Compiled));

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    /// <summary>The decision on a case file, as the store tests' records hold it.</summary>
    public static Decision Evaluate(CaseFile file) => Library.Value.Evaluate(file.Case, file.AsOf!.Value, EvaluationOptions.Default, file.Version);

    /// <summary>The record of one sample case's decision, made at <paramref name="decidedAt"/>.</summary>
    public static DecisionRecord Record(string sample, DateTimeOffset decidedAt, string? subjectId = null, string? oin = null, bool withFacts = false)
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, sample));
        var decision = Evaluate(file);
        var factory = new DecisionRecordFactory(new AuditSettings("verwerking-beschut-werk-01", new SubjectPseudonym(Key), withFacts ? new FactsCipher(Key) : null));
        var context = new RecordingContext("grpc", new RecordedCaller(oin, "gemeente-test", null, null), decidedAt.AddMilliseconds(-3),
            TraceIds.Of(null, null), subjectId is null ? null : new DataSubject(subjectId, "BSN"));
        return factory.Create(decision, file.Case, context, decidedAt);
    }
}
