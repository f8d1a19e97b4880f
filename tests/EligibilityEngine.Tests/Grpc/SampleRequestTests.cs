using EligibilityEngine.Cases;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Tests.Support;
using Google.Protobuf;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>samples/requests holds one request per route of the law; each, sent over gRPC, gets the decision its
/// twin in samples/cases states.</summary>
public sealed class SampleRequestTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    private static readonly Dictionary<string, CriterionStatus> Statuses = new()
    {
        ["met"] = CriterionStatus.Met,
        ["not_met"] = CriterionStatus.NotMet,
        ["undetermined"] = CriterionStatus.Undetermined,
    };

    private static string Requests => Path.Combine(RepositoryPaths.Root, "samples", "requests");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "requests"), "*.json").Order())
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Fact]
    public void Every_sample_case_has_a_request_file() =>
        Directory.GetFiles(RepositoryPaths.Samples, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order()
            .ShouldBe(Directory.GetFiles(Requests, "*.json").Select(Path.GetFileNameWithoutExtension).Order());

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Sample_request_gets_the_decision_of_its_sample_case(string name)
    {
        var request = JsonParser.Default.Parse<EvaluateRequest>(await File.ReadAllTextAsync(Path.Combine(Requests, name + ".json")));
        var expected = CaseReader.ReadFile(Path.Combine(RepositoryPaths.Samples, name + ".yaml")).Expected!;

        var decision = (await new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateAsync(request)).Decision;

        foreach (var (outcome, value) in expected.Outcomes)
            decision.Outcomes.Single(o => o.Id == outcome).Value.ShouldBe(value, $"{name}: {outcome}");
        foreach (var (criterion, status) in expected.Criteria)
            decision.Criteria.Single(c => c.Id == criterion).Status.ShouldBe(Statuses[status], $"{name}: {criterion}");
        if (expected.Planned is { } planned) decision.RuleSet.Planned.ShouldBe(planned);
    }
}
