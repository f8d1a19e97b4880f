using BenchmarkDotNet.Attributes;
using EligibilityEngine.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// One Evaluate call through the host's whole pipeline (middleware, authentication, rate limit, authorisation, the
/// service) on an in-memory server: no sockets and no TLS, so what differs between the two is what a bearer token and
/// its scope check cost. The load test (bench/grpc-load.sh) adds the network and TLS.
/// </summary>
[MemoryDiagnoser]
public class AuthenticatedCallBenchmarks
{
    private readonly EvaluateRequest _request = GrpcRequestBody.Request();
    private WebApplication _open = null!, _secured = null!;
    private EligibilityService.EligibilityServiceClient _openClient = null!, _securedClient = null!;
    private Metadata _bearer = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var tokens = new BenchTokens("beoordelen");
        _bearer = new Metadata { { "Authorization", "Bearer " + tokens.Token } };
        (_open, _openClient) = await Start();
        (_secured, _securedClient) = await Start(
            "--Security:Jwt:Issuer=" + BenchTokens.Issuer, "--Security:Jwt:Audience=" + BenchTokens.Audience, "--Security:Jwt:JwksFile=" + tokens.JwksFile);
        // A benchmark of a refused call would measure the refusal.
        if ((await _securedClient.EvaluateAsync(_request, _bearer)).Decision is null) throw new InvalidOperationException("the secured host gave no decision");
    }

    [Benchmark(Baseline = true)]
    public async Task<EvaluateResponse> Open() => await _openClient.EvaluateAsync(_request);

    [Benchmark]
    public async Task<EvaluateResponse> WithBearerToken() => await _securedClient.EvaluateAsync(_request, _bearer);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _open.DisposeAsync();
        await _secured.DisposeAsync();
    }

    private static async Task<(WebApplication, EligibilityService.EligibilityServiceClient)> Start(params string[] settings)
    {
        var app = await InMemoryHost.StartAsync(settings);
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        return (app, new EligibilityService.EligibilityServiceClient(channel));
    }
}
