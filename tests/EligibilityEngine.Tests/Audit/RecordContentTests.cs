using EligibilityEngine.Audit;
using EligibilityEngine.Cases;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Audit;

/// <summary>What a record holds of a case and its caller beyond the hash: no fact in clear, no claim without bound.</summary>
public sealed class RecordContentTests
{
    private static DecisionRecord Record(CaseFile file, RecordedCaller caller)
    {
        var decision = AuditSamples.Evaluate(file);
        var factory = new DecisionRecordFactory(new AuditSettings(null, null, null));
        return factory.Create(decision, file.Case, new RecordingContext("grpc", caller, DateTimeOffset.UtcNow, TraceIds.Of(null, null), null), DateTimeOffset.UtcNow);
    }

    [Fact]
    public void A_table_row_missing_for_a_municipality_is_recorded_by_its_table_not_by_the_code()
    {
        var sample = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "plicht-binnen-quotum.yaml"));
        var file = sample with { Case = sample.Case with { Municipality = sample.Case.Municipality with { Code = "GM9998" } } };
        var decision = AuditSamples.Evaluate(file);
        decision.MissingFacts.ShouldContain(m => m.Path.Contains("GM9998"), "the decision names the row it missed");

        var record = Record(file, new RecordedCaller(null, "gemeente-test", null, null));

        RecordJson.Serialize(record).ShouldNotContain("GM9998");
        record.Decision.MissingFacts.Select(m => m.Path).ShouldBe(decision.MissingFacts.Select(m => RecordedDecision.WithoutTableKey(m.Path)).Distinct());
    }

    [Fact]
    public void A_callers_user_claims_are_kept_to_the_length_zgw_gives_them()
    {
        var file = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, "positief-advies.yaml"));

        var record = Record(file, new RecordedCaller(null, "gemeente-test", new string('u', 15_000), new string('r', 15_000)));

        record.Caller.UserId!.Length.ShouldBe(RecordedCaller.MaxClaimCharacters);
        record.Caller.UserRepresentation!.Length.ShouldBe(RecordedCaller.MaxClaimCharacters);
        record.Caller.ClientId.ShouldBe("gemeente-test");
    }

    [Theory]
    [InlineData("00000001001234567000", "gemeente-testdam", null, "urn:oin:00000001001234567000")]
    [InlineData(null, "https://clients.example.nl/gemeente-testdam", null, "https://clients.example.nl/gemeente-testdam")]
    [InlineData(null, "gemeente testdam", "https://auth.example.nl", "https://auth.example.nl#client_id=gemeente%20testdam")]
    [InlineData(null, "gemeente-testdam", null, null)]
    [InlineData(null, null, "https://auth.example.nl", null)]
    public void The_calling_organisation_of_a_foreign_operation_is_named_by_a_uri(string? oin, string? clientId, string? issuer, string? entity) =>
        ForeignOperation.CallerEntity(new RecordedCaller(oin, clientId, null, null), issuer).ShouldBe(entity);
}
