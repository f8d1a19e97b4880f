using BenchmarkDotNet.Attributes;
using EligibilityEngine.Compilation;
using EligibilityEngine.Decisions;
using EligibilityEngine.Host.Services;
using Google.Protobuf;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// The host's own work for one Evaluate call, without Kestrel and HTTP/2: parse the request, map it to a case,
/// decide, map the decision to the contract and serialise it. Tells the host's share of a request apart from the
/// transport's in the load test.
/// </summary>
[MemoryDiagnoser]
public class GrpcPipelineBenchmarks
{
    private static readonly EvaluationOptions WithoutTimeline = EvaluationOptions.Default with { Timeline = false };
    private RuleLibrary _library = null!;
    private byte[] _request = null!;

    [Params(EngineKind.NRules, EngineKind.Compiled)]
    public EngineKind Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _library = RuleLibrary.Load(Path.Combine(Paths.Root, "rules", "beschut-werk"), CompileMode.Compiled, Engine);
        _request = GrpcRequestBody.Request().ToByteArray();
    }

    [Benchmark]
    public V1.EvaluateRequest ParseRequest() => V1.EvaluateRequest.Parser.ParseFrom(_request);

    [Benchmark]
    public Decision ParseMapAndDecide()
    {
        var (@case, asOf) = new RequestMapper().Map(V1.EvaluateRequest.Parser.ParseFrom(_request));
        return _library.Evaluate(@case, asOf, WithoutTimeline);
    }

    [Benchmark(Baseline = true)]
    public byte[] WholeCall()
    {
        var (@case, asOf) = new RequestMapper().Map(V1.EvaluateRequest.Parser.ParseFrom(_request));
        var decision = _library.Evaluate(@case, asOf, WithoutTimeline);
        return new V1.EvaluateResponse { CorrelationId = "load-test", Decision = DecisionMapper.Map(decision) }.ToByteArray();
    }
}
