using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using Grpc.Core;
using Grpc.Reflection.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>The operational hooks a platform team expects: health and reflection.</summary>
public sealed class OperationsRpcTests(InProcessHost host) : IClassFixture<InProcessHost>
{
    [Fact]
    public async Task Health_is_not_serving_until_the_rule_sets_are_loaded_and_the_engine_is_ready()
    {
        var holder = new RuleLibraryHolder(Options.Create(new RulesOptions { Directory = RepositoryPaths.Rules, WatchForChanges = false }),
            Options.Create(new EngineOptions()), NullLogger<RuleLibraryHolder>.Instance, TimeProvider.System);
        var check = new RulesLoadedCheck(holder);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Unhealthy);
        await holder.StartAsync(CancellationToken.None);
        // The NRules session factories are built in the background after start-up; health waits for them.
        var ready = System.Diagnostics.Stopwatch.StartNew();
        while ((await check.CheckHealthAsync(new HealthCheckContext())).Status != HealthStatus.Healthy && ready.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(20);
        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Reflection_lists_the_eligibility_health_and_reflection_services()
    {
        var client = new ServerReflection.ServerReflectionClient(host.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseStream.ReadAllAsync().SingleAsync();

        response.ListServicesResponse.Service.Select(s => s.Name).ShouldBe(
            ["eligibility.v1.EligibilityService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            ignoreOrder: true);
    }
}
