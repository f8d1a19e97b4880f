using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>A host of its own per test: shutting down with a call in flight, and rule files changing under it.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class HostLifecycleTests : IDisposable
{
    private readonly TempRuleSet _rules = new();

    public HostLifecycleTests() => RepositoryCopy.Rules(_rules.Path);

    public void Dispose() => _rules.Dispose();

    private static EvaluateBatchRequest Item(string id) => new()
    {
        Request = new EvaluateRequest
        {
            CorrelationId = id,
            AsOf = "2026-03-01",
            Case = new EligibilityEngine.Grpc.V1.Case
            {
                // An own request to UWV is admissible only within the personenkring, which for a person under 27 asks more.
                Person = new Person { DateOfBirth = "1980-01-01", HasWorkCapacity = true, SupervisionNeed = SupervisionLevel.Intensive, SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true, Benefit = Benefit.Participatiewet, WswIndication = false },
                Application = new Application { Applicant = Applicant.Person, Date = "2026-02-02", NewFactsStated = false },
            },
        },
    };

    [Fact]
    public async Task Stopping_the_host_lets_the_call_in_flight_finish_and_takes_no_new_calls()
    {
        await using var host = await RunningHost.StartAsync(_rules.Path);
        using var call = new EligibilityService.EligibilityServiceClient(host.Channel).EvaluateBatch();
        await call.RequestStream.WriteAsync(Item("before-stop"));
        (await call.ResponseStream.MoveNext()).ShouldBeTrue();

        var stopping = host.StopAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        stopping.IsCompleted.ShouldBeFalse("the host must wait for the batch that is still open");

        await call.RequestStream.WriteAsync(Item("during-stop"));
        await call.RequestStream.CompleteAsync();
        var rest = await call.ResponseStream.ReadAllAsync().ToListAsync();
        rest.Single().CorrelationId.ShouldBe("during-stop");
        rest.Single().Decision.Outcomes.Single(o => o.Id == "advies").Value.ShouldBe("positief");
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        using var fresh = GrpcChannel.ForAddress(host.GrpcAddress);
        var refused = await Should.ThrowAsync<RpcException>(() => new EligibilityService.EligibilityServiceClient(fresh).ListRuleSetsAsync(new ListRuleSetsRequest()).ResponseAsync);
        refused.StatusCode.ShouldBe(StatusCode.Unavailable);
    }

    [Fact]
    public async Task A_broken_rule_file_is_refused_and_the_last_good_rules_go_on_serving_until_a_good_change()
    {
        await using var host = await RunningHost.StartAsync(_rules.Path);
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var holder = host.Services.GetRequiredService<RuleLibraryHolder>();
        var before = await HashOf2026(client);
        var file = Path.Combine(_rules.Path, "2026-01-01.yaml");
        var original = await File.ReadAllTextAsync(file);

        await File.WriteAllTextAsync(file, original.Replace("title: Personenkring", "titel: Personenkring"));
        await Eventually(() => holder.LastFailure is not null);

        holder.LastFailure!.Errors.ShouldContain(e => e.Contains("2026-01-01.yaml") && e.Contains("titel"));
        // An operator sees the refused change over the API, while health stays SERVING.
        var refused = (await client.ListRuleSetsAsync(new ListRuleSetsRequest())).State.LastRefusedChange;
        refused.FirstError.ShouldContain("titel");
        refused.FirstError.ShouldStartWith("2026-01-01.yaml:", Shouldly.Case.Sensitive, "named within the rules folder; where that is on the host is not the caller's");
        refused.ErrorCount.ShouldBeGreaterThan(0);
        // And a lawyer or operator on /regels, in Dutch, with the error as the API gives it.
        using var http = new HttpClient { BaseAddress = host.JsonAddress };
        var page = System.Net.WebUtility.HtmlDecode(await http.GetStringAsync("/regels"));
        page.ShouldContain("Een wijziging van de regelbestanden is geweigerd");
        page.ShouldContain(refused.FirstError);
        (await HashOf2026(client)).ShouldBe(before);
        var answer = await client.EvaluateAsync(Item("while-broken").Request);
        answer.Decision.RuleSet.ContentHash.ShouldBe(before);
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());
        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        await File.WriteAllTextAsync(file, original.Replace("title: Personenkring onder de 27", "title: Personenkring van art. 10b lid 1 onder de 27"));
        await Eventually(() => holder.LastFailure is null);

        (await HashOf2026(client)).ShouldNotBe(before);
        (await client.ListRuleSetsAsync(new ListRuleSetsRequest())).State.LastRefusedChange.ShouldBeNull();
        (await http.GetStringAsync("/regels")).ShouldNotContain("is geweigerd");
        (await client.GetRuleSetAsync(new GetRuleSetRequest { Version = "2026-01-01" })).Summary.Title.ShouldStartWith("Personenkring van art. 10b");
    }

    private static async Task<string> HashOf2026(EligibilityService.EligibilityServiceClient client) =>
        (await client.ListRuleSetsAsync(new ListRuleSetsRequest())).Versions.Single(v => v.Version == "2026-01-01").ContentHash;

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the host did not pick up the change to the rules folder within 15 s");
            await Task.Delay(50);
        }
    }
}
