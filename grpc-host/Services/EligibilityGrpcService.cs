using EligibilityEngine.Diagnostics;
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
        var library = holder.Library ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "rule sets are not loaded yet"));
        var mapper = new RequestMapper();
        var (@case, asOf) = mapper.Map(request);
        if (mapper.Violations.Count > 0) throw InvalidArgument(mapper.Violations);

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var decision = library.Evaluate(@case, asOf, version: string.IsNullOrEmpty(request.Version) ? null : request.Version);
            logger.LogInformation("Evaluated {CorrelationId} with {Version} sha256 {Hash}: {Outcomes} in {Elapsed} ms",
                request.CorrelationId, decision.RuleSet.Version, decision.RuleSet.ContentHash[..12],
                string.Join(",", decision.Outcomes.Select(o => $"{o.Id}={o.Value}")),
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return Task.FromResult(new V1.EvaluateResponse { CorrelationId = request.CorrelationId, Decision = DecisionMapper.Map(decision) });
        }
        catch (VersionNotFoundException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, ex.Message));
        }
        catch (EvaluationException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, ex.Message));
        }
    }

    private static RpcException InvalidArgument(IEnumerable<BadRequest.Types.FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(violations);
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "the request has invalid fields: " + string.Join("; ", badRequest.FieldViolations.Select(v => $"{v.Field} {v.Description}")),
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }
}
