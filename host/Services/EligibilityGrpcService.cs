using EligibilityEngine.Compilation;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using Microsoft.Extensions.Options;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>
/// eligibility.v1.EligibilityService, one file per concern (Evaluate, RuleSets, Review, Records). Errors carry a status
/// code and, for bad input, a google.rpc.BadRequest naming every bad field; no exception text reaches the client. Logs
/// hold the decision id, rule-set hash, outcomes and timing — never facts about the person.
/// </summary>
public sealed partial class EligibilityGrpcService(
    RuleLibraryHolder holder, Audit.DecisionLog decisionLog, IOptions<ImpactOptions> impact, PrecomputedResults precomputed, IOptions<Security.SecurityOptions> security,
    Security.StreamItemLimit itemLimit, TimeProvider time, ILogger<EligibilityGrpcService> logger)
    : V1.EligibilityService.EligibilityServiceBase
{
    /// <summary>A version named by id, hash prefix or date; a name that is empty or unknown is the caller's error.</summary>
    private static CompiledRuleSet Resolve(RuleLibrary library, string reference, string field)
    {
        if (string.IsNullOrEmpty(reference))
            throw CallError.InvalidArgument([CallError.Violation(field, ViolationReason.Required, "is required: a version id, a content-hash prefix or a date YYYY-MM-DD")]).ToRpcException();
        try
        {
            return library.Resolve(reference);
        }
        catch (Exception ex) when (CallError.From(ex) is { } error)
        {
            throw error.ToRpcException();
        }
    }

    private RuleLibrary Library() =>
        holder.Library ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "rule sets are not loaded yet"));
}
