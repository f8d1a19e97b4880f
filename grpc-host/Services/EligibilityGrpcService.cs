using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.RuleSets;
using Google.Rpc;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.GrpcHost.Services;

/// <summary>
/// eligibility.v1.EligibilityService. Errors carry a status code and, for bad input, a google.rpc.BadRequest naming
/// every bad field; no exception text reaches the client. Logs hold the correlation id, rule-set hash, outcomes and
/// timing — never facts about the person.
/// </summary>
public sealed class EligibilityGrpcService(RuleLibraryHolder holder, ILogger<EligibilityGrpcService> logger) : V1.EligibilityService.EligibilityServiceBase
{
    public override Task<V1.EvaluateResponse> Evaluate(V1.EvaluateRequest request, ServerCallContext context)
    {
        var (decision, error) = Decide(request);
        if (error is not null) throw error.ToRpcException();
        return Task.FromResult(new V1.EvaluateResponse { CorrelationId = request.CorrelationId, Decision = decision });
    }

    public override async Task EvaluateBatch(IAsyncStreamReader<V1.EvaluateBatchRequest> requests, IServerStreamWriter<V1.EvaluateBatchResponse> responses, ServerCallContext context)
    {
        await foreach (var item in requests.ReadAllAsync(context.CancellationToken))
        {
            context.CancellationToken.ThrowIfCancellationRequested(); // the caller's deadline bounds the whole batch
            var request = item.Request ?? new V1.EvaluateRequest();
            var (decision, error) = Decide(request);
            var response = new V1.EvaluateBatchResponse { CorrelationId = request.CorrelationId };
            if (error is null) response.Decision = decision;
            else response.Error = error.ToItemError();
            await responses.WriteAsync(response, context.CancellationToken);
        }
    }

    public override Task<V1.ListRuleSetsResponse> ListRuleSets(V1.ListRuleSetsRequest request, ServerCallContext context)
    {
        var response = new V1.ListRuleSetsResponse();
        response.Versions.Add(Library().Versions.Select(RuleSetMapper.Summary));
        return Task.FromResult(response);
    }

    public override Task<V1.GetRuleSetResponse> GetRuleSet(V1.GetRuleSetRequest request, ServerCallContext context)
    {
        var mapper = new RequestMapper();
        var asOf = mapper.Date(request.AsOf, "as_of");
        if (string.IsNullOrEmpty(request.Version) && asOf is null && mapper.Violations.Count == 0)
            mapper.Violation("as_of", "give as_of (YYYY-MM-DD) or version");
        if (mapper.Violations.Count > 0) throw CallError.InvalidArgument(mapper.Violations).ToRpcException();
        try
        {
            var set = Library().Select(asOf ?? DateOnly.MaxValue, string.IsNullOrEmpty(request.Version) ? null : request.Version);
            return Task.FromResult(RuleSetMapper.Complete(set));
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            throw error.ToRpcException();
        }
    }

    private static readonly EvaluationOptions WithoutTimeline = EvaluationOptions.Default with { Timeline = false };

    private RuleLibrary Library() =>
        holder.Library ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "rule sets are not loaded yet"));

    /// <summary>One case: the decision, or the error Evaluate raises (and a batch returns for that item).</summary>
    private (V1.Decision? Decision, CallError? Error) Decide(V1.EvaluateRequest request)
    {
        var library = Library();
        var mapper = new RequestMapper();
        var (@case, asOf) = mapper.Map(request);
        if (mapper.Violations.Count > 0) return (null, CallError.InvalidArgument(mapper.Violations));

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var options = request.IncludeTimeline ? EvaluationOptions.Default : WithoutTimeline;
            var decision = library.Evaluate(@case, asOf, options, string.IsNullOrEmpty(request.Version) ? null : request.Version);
            logger.LogInformation("Evaluated {CorrelationId} with {Version} sha256 {Hash}: {Outcomes} in {Elapsed} ms",
                request.CorrelationId, decision.RuleSet.Version, decision.RuleSet.ContentHash[..12],
                string.Join(",", decision.Outcomes.Select(o => $"{o.Id}={o.Value}")),
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (DecisionMapper.Map(decision), null);
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            logger.LogInformation("Refused {CorrelationId}: {Code}", request.CorrelationId, error.Code);
            return (null, error);
        }
    }
}
